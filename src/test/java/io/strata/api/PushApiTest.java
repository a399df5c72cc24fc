package io.strata.api;

import static io.restassured.RestAssured.given;
import static io.strata.api.PushBodies.json;
import static io.strata.api.PushBodies.nowNanos;
import static io.strata.api.PushBodies.value;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class PushApiTest {
    static String tenant(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static ValidatableResponse pushJson(String tenant, String body) {
        return given().header("X-Scope-OrgID", tenant).contentType("application/json").body(body)
                .post("/loki/api/v1/push").then();
    }

    static ValidatableResponse queryRange(String tenant, String query, String... params) {
        var req = given().header("X-Scope-OrgID", tenant).queryParam("query", query);
        for (int i = 0; i < params.length; i += 2) {
            req = req.queryParam(params[i], params[i + 1]);
        }
        return req.get("/loki/api/v1/query_range").then();
    }

    /** A POST without any Content-Type header (RestAssured always adds one). */
    static java.net.http.HttpResponse<String> rawPost(String path, String tenant, byte[] body) {
        try (var client = java.net.http.HttpClient.newHttpClient()) {
            var req = java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create("http://127.0.0.1:" + io.restassured.RestAssured.port + path))
                    .header("X-Scope-OrgID", tenant)
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body)).build();
            return client.send(req, java.net.http.HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void jsonPushIsReadBackNewestFirstWithServiceName() {
        String t = tenant("push-json");
        long now = nowNanos();
        pushJson(t, json("{\"job\":\"api\"}", value(now - 2000, "first"), value(now - 1000, "second")))
                .statusCode(204);
        queryRange(t, "{job=\"api\"}").statusCode(200)
                .body("status", equalTo("success"))
                .body("data.resultType", equalTo("streams"))
                .body("data.result", hasSize(1))
                .body("data.result[0].stream.job", equalTo("api"))
                .body("data.result[0].stream.service_name", equalTo("api"))
                .body("data.result[0].stream.detected_level", equalTo("unknown"))
                .body("data.result[0].values[0][0]", equalTo(Long.toString(now - 1000)))
                .body("data.result[0].values[0][1]", equalTo("second"))
                .body("data.result[0].values[1][1]", equalTo("first"))
                .body("data.stats.summary.totalEntriesReturned", equalTo(2));
    }

    @Test
    void categorizeLabelsSeparatesStructuredMetadata() {
        String t = tenant("push-sm");
        long now = nowNanos();
        pushJson(t, json("{\"app\":\"web\"}", "[\"" + now + "\",\"level=error msg=boom\",{\"trace_id\":\"abc\"}]"))
                .statusCode(204);
        given().header("X-Scope-OrgID", t).header("X-Loki-Response-Encoding-Flags", "categorize-labels")
                .queryParam("query", "{app=\"web\"}").get("/loki/api/v1/query_range").then().statusCode(200)
                .body("data.encodingFlags", contains("categorize-labels"))
                .body("data.result[0].stream", equalTo(Map.of("app", "web", "service_name", "web")))
                .body("data.result[0].values[0][2].structuredMetadata",
                        equalTo(Map.of("trace_id", "abc", "detected_level", "error")));
        queryRange(t, "{app=\"web\"}").statusCode(200)
                .body("data.result[0].stream.trace_id", equalTo("abc"))
                .body("data.result[0].values[0]", hasSize(2));
    }

    @Test
    void protobufSnappyPushWithMetadataIsStored() {
        String t = tenant("push-proto");
        long now = nowNanos();
        byte[] body = PushBodies.snappyProtobuf(new PushBodies.Stream("{job=\"pb\", env=\"prod\"}", List.of(
                new PushBodies.Entry(now - 5, "proto line", Map.of("user.id", "42")))));
        given().header("X-Scope-OrgID", t).contentType("application/x-protobuf").body(body)
                .post("/loki/api/v1/push").then().statusCode(204);
        queryRange(t, "{job=\"pb\"}").statusCode(200)
                .body("data.result[0].stream.env", equalTo("prod"))
                .body("data.result[0].stream.user_id", equalTo("42"))
                .body("data.result[0].values[0][1]", equalTo("proto line"));
    }

    @Test
    void gzipJsonAndSnappyEncodingHeaderAreAccepted() {
        String t = tenant("push-gzip");
        long now = nowNanos();
        byte[] gz = PushBodies.gzip(json("{\"job\":\"gz\"}", value(now, "zipped")).getBytes());
        given().header("X-Scope-OrgID", t).header("Content-Encoding", "gzip").contentType("application/json")
                .body(gz).post("/loki/api/v1/push").then().statusCode(204);
        byte[] pb = PushBodies.snappyProtobuf(new PushBodies.Stream("{job=\"sn\"}",
                List.of(new PushBodies.Entry(now, "snappy header"))));
        given().header("X-Scope-OrgID", t).header("Content-Encoding", "snappy").contentType("application/x-protobuf")
                .body(pb).post("/loki/api/v1/push").then().statusCode(204);
        queryRange(t, "{job=~\"gz|sn\"}").statusCode(200).body("data.result", hasSize(2));
    }

    @Test
    void legacyJsonOnApiPromPush() {
        String t = tenant("push-legacy");
        String ts = java.time.Instant.now().minusSeconds(1).toString();
        given().header("X-Scope-OrgID", t).contentType("application/json")
                .body("{\"streams\":[{\"labels\":\"{job=\\\"legacy\\\"}\",\"entries\":[{\"ts\":\"" + ts
                        + "\",\"line\":\"old api\"}]}]}")
                .post("/api/prom/push").then().statusCode(204);
        queryRange(t, "{job=\"legacy\"}").statusCode(200).body("data.result[0].values[0][1]", equalTo("old api"));
    }

    @Test
    void contentTypeAndEncodingErrors() {
        String t = tenant("push-ct");
        var noType = rawPost("/loki/api/v1/push", t, "{}".getBytes());
        org.junit.jupiter.api.Assertions.assertEquals(400, noType.statusCode());
        org.junit.jupiter.api.Assertions.assertEquals("mime: no media type\n", noType.body());
        given().header("X-Scope-OrgID", t).header("Content-Encoding", "br").contentType("application/json")
                .body("{}").post("/loki/api/v1/push").then()
                .statusCode(400).body(equalTo("Content-Encoding \"br\" not supported\n"));
        pushJson(t, "{\"streams\":[]}").statusCode(422)
                .body(equalTo("error at least one valid stream is required for ingestion\n"));
    }

    @Test
    void tenantErrors() {
        given().contentType("application/json").body("{}").post("/loki/api/v1/push").then()
                .statusCode(401).body(equalTo("no org id\n"));
        pushJson("a|b", "{}").statusCode(400).body(equalTo("multiple org IDs present\n"));
        pushJson("../../etc", "{}").statusCode(400)
                .body(equalTo("tenant ID '../../etc' contains unsupported character '/'\n"));
        pushJson("x".repeat(151), "{}").statusCode(400).body(equalTo("tenant ID is too long: max 150 characters\n"));
        pushJson("..", "{}").statusCode(400).body(equalTo("tenant ID is '.' or '..'\n"));
    }

    @Test
    void labelErrorsHaveLokiTexts() {
        String t = tenant("push-labels");
        long now = nowNanos();
        byte[] bad = PushBodies.snappyProtobuf(new PushBodies.Stream("{app-name=\"x\"}",
                List.of(new PushBodies.Entry(now, "l"))));
        given().header("X-Scope-OrgID", t).contentType("application/x-protobuf").body(bad)
                .post("/loki/api/v1/push").then().statusCode(400)
                .body(equalTo("couldn't parse labels: 1:5: parse error: unexpected character inside braces: '-'\n"));
        StringBuilder many = new StringBuilder("{");
        for (int i = 0; i < 16; i++) {
            many.append(i > 0 ? "," : "").append("\"l").append((char) ('a' + i)).append("\":\"v\"");
        }
        pushJson(t, json(many.append('}').toString(), value(now, "x"))).statusCode(400)
                .body(startsWith("entry for stream '{la=\"v\", lb=\"v\""))
                .body(org.hamcrest.Matchers.endsWith("' has 16 label names; limit 15\n"));
        pushJson(t, json("{\"job\":\"" + "v".repeat(2049) + "\"}", value(now, "x"))).statusCode(400)
                .body(org.hamcrest.Matchers.containsString("has label value too long: 'vvv"));
    }

    @Test
    void partiallyInvalidPushKeepsValidStreams() {
        String t = tenant("push-partial");
        long now = nowNanos();
        String body = "{\"streams\":["
                + "{\"stream\":{\"job\":\"good\"},\"values\":[" + value(now, "kept") + "]},"
                + "{\"stream\":{\"job\":\"old\"},\"values\":[" + value(1_000_000_000L, "too old") + "]}]}";
        pushJson(t, body).statusCode(400)
                .body(startsWith("entry for stream '{job=\"old\", service_name=\"old\"}' has timestamp too old: "
                        + "1970-01-01T00:00:01Z, oldest acceptable timestamp is: "));
        queryRange(t, "{job=~\".+\"}").statusCode(200)
                .body("data.result", hasSize(1))
                .body("data.result[0].values[0][1]", equalTo("kept"));
    }

    @Test
    void timestampTooNewAndLineTooLong() {
        String t = tenant("push-ts");
        long future = nowNanos() + 3_600_000_000_000L;
        pushJson(t, json("{\"job\":\"fut\"}", value(future, "x"))).statusCode(400)
                .body(startsWith("entry for stream '{job=\"fut\", service_name=\"fut\"}' has timestamp too new: "));
        String big = "y".repeat(300_000);
        pushJson(t, json("{\"job\":\"big\"}", value(nowNanos(), big))).statusCode(400)
                .body(equalTo("max entry size '262144' bytes exceeded for stream '{job=\"big\", service_name=\"big\"}'"
                        + " while adding an entry with length '300000' bytes\n"));
    }

    @Test
    void ingestionRateLimitRejectsWholeRequest() {
        String t = tenant("push-rate");
        long now = nowNanos();
        String line = "z".repeat(250_000);
        String[] values = new String[30];
        for (int i = 0; i < values.length; i++) {
            values[i] = value(now - i, line);
        }
        pushJson(t, json("{\"job\":\"rate\"}", values)).statusCode(429)
                .body(equalTo("ingestion rate limit exceeded for user " + t + " (limit: 4194304 bytes/sec) while "
                        + "attempting to ingest '30' lines totaling '" + (30 * 250_000 + 30 * "detected_levelunknown".length())
                        + "' bytes, reduce log volume or contact your Loki administrator to see if the limit can be "
                        + "increased\n"));
        queryRange(t, "{job=\"rate\"}").statusCode(200).body("data.result", hasSize(0));
    }

    @Test
    void entriesTooFarBehindAreReportedAfterTheRestIsStored() {
        String t = tenant("push-behind");
        long now = nowNanos();
        pushJson(t, json("{\"job\":\"ooo\"}", value(now, "newest"))).statusCode(204);
        pushJson(t, json("{\"job\":\"ooo\"}", value(now - 2 * 3_600_000_000_000L, "way behind"),
                value(now - 1000, "slightly behind"))).statusCode(400)
                .body(org.hamcrest.Matchers.containsString("entry too far behind"))
                .body(org.hamcrest.Matchers.containsString("total ignored: 1 out of 2 for stream: {job=\"ooo\""));
        queryRange(t, "{job=\"ooo\"}", "since", "3h").statusCode(200)
                .body("data.result[0].values.collect { it[1] }", equalTo(List.of("newest", "slightly behind")));
    }
}
