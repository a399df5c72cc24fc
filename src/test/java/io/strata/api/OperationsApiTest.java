package io.strata.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class OperationsApiTest {
    @Test
    void readyAnswersReady() {
        given().get("/ready").then().statusCode(200).body(equalTo("ready\n"));
    }

    @Test
    void buildinfoHasLokiShape() {
        given().get("/loki/api/v1/status/buildinfo").then().statusCode(200)
                .contentType(containsString("application/json"))
                .body("version", equalTo(BuildInfo.VERSION))
                .body("revision", equalTo(""))
                .body("branch", equalTo(""))
                .body("buildUser", equalTo(""))
                .body("buildDate", equalTo(""))
                .body("goVersion", equalTo(""));
    }

    @Test
    void jsonResponsesAreGzippedWhenAccepted() throws Exception {
        try (var client = java.net.http.HttpClient.newHttpClient()) {
            var req = java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                            "http://127.0.0.1:" + io.restassured.RestAssured.port + "/loki/api/v1/series"))
                    .header("X-Scope-OrgID", "ops-gzip").header("Accept-Encoding", "gzip").GET().build();
            var resp = client.send(req, java.net.http.HttpResponse.BodyHandlers.ofByteArray());
            org.junit.jupiter.api.Assertions.assertEquals(200, resp.statusCode());
            org.junit.jupiter.api.Assertions.assertEquals("gzip",
                    resp.headers().firstValue("Content-Encoding").orElse(""));
            try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(resp.body()))) {
                org.junit.jupiter.api.Assertions.assertEquals("{\"status\":\"success\",\"data\":[]}\n",
                        new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            }
        }
    }

    @Test
    void unknownPathIs404WithGoText() {
        given().get("/no/such/path").then().statusCode(404).body(equalTo("404 page not found\n"));
    }

    @Test
    void wrongMethodIs405() {
        given().get("/loki/api/v1/push").then().statusCode(405);
        given().delete("/loki/api/v1/query_range").then().statusCode(405);
    }

    @Test
    void flushedChunksAreReadThroughTheBlockCache() {
        long now = System.currentTimeMillis() * 1_000_000L;
        given().header("X-Scope-OrgID", "ops-cache").contentType("application/json")
                .body("{\"streams\":[{\"stream\":{\"app\":\"cache\"},\"values\":[[\"" + now + "\",\"cached line\"]]}]}")
                .post("/loki/api/v1/push").then().statusCode(204);
        given().post("/flush").then().statusCode(204);
        for (int i = 0; i < 2; i++) {
            given().header("X-Scope-OrgID", "ops-cache").queryParam("query", "{app=\"cache\"}").queryParam("since", "5m")
                    .get("/loki/api/v1/query_range").then().statusCode(200)
                    .body("data.result[0].values[0][1]", org.hamcrest.Matchers.equalTo("cached line"));
        }
        String metrics = given().get("/metrics").then().statusCode(200).extract().asString();
        double hits = metricValue(metrics, "strata_chunk_cache_hits");
        double ratio = metricValue(metrics, "strata_chunk_cache_hit_ratio");
        org.junit.jupiter.api.Assertions.assertTrue(hits >= 1, "second read should hit the block cache: " + hits);
        org.junit.jupiter.api.Assertions.assertTrue(ratio > 0 && ratio <= 1, "hit ratio " + ratio);
    }

    private static double metricValue(String exposition, String name) {
        for (String line : exposition.split("\n")) {
            if (line.startsWith(name + " ")) {
                return Double.parseDouble(line.substring(name.length() + 1).trim());
            }
        }
        throw new AssertionError(name + " missing from /metrics");
    }

    @Test
    void metricsExposeLokiAndJvmMetrics() {
        given().header("X-Scope-OrgID", "ops-metrics").get("/loki/api/v1/labels").then().statusCode(200);
        given().get("/metrics").then().statusCode(200)
                .contentType(containsString("text/plain"))
                .body(containsString("loki_request_duration_seconds_bucket{method=\"GET\",route=\"loki_api_v1_labels\",status_code=\"200\""))
                .body(containsString("jvm_memory_bytes_used"))
                .body(containsString("loki_build_info{version=\"" + BuildInfo.VERSION + "\""))
                .body(containsString("loki_ingester_wal_sync_duration_seconds"));
    }
}
