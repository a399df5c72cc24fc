package io.strata.api;

import static io.restassured.RestAssured.given;
import static io.strata.api.PushApiTest.pushJson;
import static io.strata.api.PushApiTest.tenant;
import static io.strata.api.PushBodies.nowNanos;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Logs Drilldown request sequence (API.md §6.9, §6.10) against pushed data. */
@QuarkusTest
class DetectedApiTest {
    static final String T = tenant("detected");
    static long base;

    @BeforeEach
    void load() {
        if (base != 0) {
            return;
        }
        base = nowNanos() - 60_000_000_000L;
        String body = "{\"streams\":["
                + "{\"stream\":{\"service_name\":\"web\",\"cluster\":\"eu\",\"pod\":\"1\"},\"values\":["
                + "[\"" + (base + 1) + "\",\"level=info status=200 took=15ms size=10KB msg=ok\",{\"trace_id\":\"abc\"}],"
                + "[\"" + (base + 2) + "\",\"level=error status=500 took=1.5s size=2MB msg=bad\",{\"trace_id\":\"def\"}]]},"
                + "{\"stream\":{\"service_name\":\"api\",\"cluster\":\"us\",\"pod\":\"2\"},\"values\":["
                + "[\"" + (base + 3) + "\",\"{\\\"user\\\":{\\\"id\\\":\\\"u1\\\"},\\\"ratio\\\":0.5,\\\"ok\\\":true}\"]]}]}";
        pushJson(T, body).statusCode(204);
    }

    private static ValidatableResponse get(String path, String... params) {
        var req = given().header("X-Scope-OrgID", T).header("X-Query-Tags", "Source=grafana-lokiexplore-app");
        for (int i = 0; i < params.length; i += 2) {
            req = req.queryParam(params[i], params[i + 1]);
        }
        return req.get(path).then();
    }

    private static String iso(long nanos) {
        return Instant.ofEpochSecond(0, nanos).toString();
    }

    @Test
    void detectedLabelsKeepStaticLabelsAndDropIds() {
        get("/loki/api/v1/detected_labels", "query", "", "start", iso(base - 1_000_000_000L), "end",
                iso(base + 1_000_000_000L)).statusCode(200)
                .body(equalTo("{\"detectedLabels\":[{\"label\":\"cluster\",\"cardinality\":2},"
                        + "{\"label\":\"pod\",\"cardinality\":2},{\"label\":\"service_name\",\"cardinality\":2}]}\n"));
        get("/loki/api/v1/detected_labels", "query", "{cluster=\"nowhere\"}").statusCode(200).body(equalTo("{}\n"));
    }

    @Test
    void detectedFieldsFromLogfmtJsonAndStructuredMetadata() {
        ValidatableResponse r = get("/loki/api/v1/detected_fields", "query", "{cluster=~\".+\"}", "limit", "1000")
                .statusCode(200).body("limit", equalTo(1000));
        r.body("fields.find { it.label == 'status' }.type", equalTo("int"))
                .body("fields.find { it.label == 'status' }.cardinality", equalTo(2))
                .body("fields.find { it.label == 'status' }.parsers", contains("logfmt"))
                .body("fields.find { it.label == 'took' }.type", equalTo("duration"))
                .body("fields.find { it.label == 'size' }.type", equalTo("bytes"))
                .body("fields.find { it.label == 'msg' }.type", equalTo("string"))
                .body("fields.find { it.label == 'trace_id' }.parsers", nullValue())
                .body("fields.find { it.label == 'user_id' }.parsers", contains("json"))
                .body("fields.find { it.label == 'user_id' }.jsonPath", contains("user", "id"))
                .body("fields.find { it.label == 'ratio' }.type", equalTo("float"))
                .body("fields.find { it.label == 'ok' }.type", equalTo("boolean"));
        given().header("X-Scope-OrgID", T).queryParam("query", "{cluster=~\".+\"}").get("/loki/api/v1/detected_fields")
                .then().body(org.hamcrest.Matchers.containsString("\"label\":\"trace_id\",\"type\":\"string\","
                        + "\"cardinality\":2,\"parsers\":null}"));
    }

    @Test
    void detectedFieldValuesNormaliseBytes() {
        get("/loki/api/v1/detected_field/size/values", "query", "{service_name=\"web\"}").statusCode(200)
                .body(equalTo("{\"limit\":1000,\"values\":[\"10kB\",\"2.0MB\"]}\n"));
        get("/loki/api/v1/detected_field/level/values", "query", "{service_name=\"web\"}", "limit", "5")
                .statusCode(200).body("values", contains("error", "info"));
        get("/loki/api/v1/detected_field/nope/values", "query", "{service_name=\"web\"}").statusCode(200)
                .body(equalTo("{}\n"));
    }

    @Test
    void detectedFieldsErrors() {
        get("/loki/api/v1/detected_fields", "query", "count_over_time({a=\"b\"}[1m])").statusCode(400)
                .body(equalTo("only log selector is supported\n"));
        get("/loki/api/v1/detected_fields", "query", "{a=\"b\"}", "line_limit", "0").statusCode(400)
                .body(equalTo("limit must be a positive value\n"));
        get("/loki/api/v1/detected_fields", "query", "{a=\"b\"}", "line_limit", "6000").statusCode(400)
                .body(equalTo("max entries limit per query exceeded, limit > max_entries_limit_per_query (6000 > 5000)\n"));
        given().queryParam("query", "{a=\"b\"}").get("/loki/api/v1/detected_fields").then().statusCode(401);
    }

    @Test
    void patternsAreNotAvailableAndLimitsAreServed() {
        get("/loki/api/v1/patterns", "query", "{service_name=\"web\"}", "step", "30s").statusCode(404)
                .body(equalTo(""));
        get("/loki/api/v1/drilldown-limits").statusCode(200)
                .body("limits.max_query_length", equalTo("30d1h"))
                .body("limits.max_entries_limit_per_query", equalTo(5000))
                .body("limits.discover_log_levels", equalTo(true))
                .body("pattern_ingester_enabled", equalTo(false))
                .body("version", equalTo(BuildInfo.VERSION));
        given().get("/loki/api/v1/drilldown-limits").then().statusCode(401).body(equalTo("no org id\n"));
    }
}
