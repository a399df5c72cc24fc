package io.strata.api;

import static io.strata.api.GrafanaRequests.entry;
import static io.strata.api.PushApiTest.pushJson;
import static io.strata.api.PushApiTest.tenant;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** index/volume, volume_range (API.md §2.8), format_query (§5.4) and legacy /api/prom/query (§2.1). */
@QuarkusTest
class IndexVolumeApiTest {
    static final String T = tenant("volume");
    static long base;

    @BeforeEach
    void load() {
        if (base != 0) {
            return;
        }
        base = GrafanaRequests.baseNanos();
        pushJson(T, "{\"streams\":["
                + "{\"stream\":{\"service_name\":\"web\",\"pod\":\"a\"},\"values\":[" + entry(base + 1, "xxxxxxxxxx") + ","
                + entry(base + 61_000_000_000L, "xxxxxxxxxx") + "]},"
                + "{\"stream\":{\"service_name\":\"web\",\"pod\":\"b\"},\"values\":[" + entry(base + 2, "xxxxx") + "]},"
                + "{\"stream\":{\"service_name\":\"db\",\"pod\":\"c\"},\"values\":[" + entry(base + 3, "xxx") + "]}]}")
                .statusCode(204);
    }

    private static io.restassured.response.ValidatableResponse get(String path, String... params) {
        var spec = RestAssured.given().header("X-Scope-OrgID", T).queryParam("start", Long.toString(base))
                .queryParam("end", Long.toString(base + 120_000_000_000L));
        return GrafanaRequests.get(spec, path, params);
    }

    /** detected_level=unknown (21 bytes of structured metadata) is added to every entry at ingest. */
    private static final int SM = "detected_level".length() + "unknown".length();

    @Test
    void volumeAggregatesBySelectorLabelsLargestFirst() {
        get("/loki/api/v1/index/volume", "query", "{service_name=~\".+\"}", "limit", "5000").statusCode(200)
                .body("status", equalTo("success"))
                .body("data.resultType", equalTo("vector"))
                .body("data.result", hasSize(2))
                .body("data.result[0].metric", equalTo(Map.of("service_name", "web")))
                .body("data.result[0].value[1]", equalTo(Long.toString(25 + 3 * SM)))
                .body("data.result[1].metric", equalTo(Map.of("service_name", "db")))
                .body("data.result[1].value[1]", equalTo(Long.toString(3 + SM)));
        get("/loki/api/v1/index/volume", "query", "{service_name=\"web\"}", "targetLabels", "pod", "limit", "1")
                .statusCode(200)
                .body("data.result", hasSize(1))
                .body("data.result[0].metric", equalTo(Map.of("pod", "a")));
        get("/loki/api/v1/index/volume", "query", "{service_name=~\".+\"}", "aggregateBy", "labels").statusCode(200)
                .body("data.result.collect { it.metric }", equalTo(List.of(Map.of("service_name", ""))));
        get("/loki/api/v1/index/volume", "query", "{service_name=~\".+\"}", "aggregateBy", "pods").statusCode(400)
                .body(equalTo("invalid aggregation option\n"));
    }

    @Test
    void indexStatsComeFromChunkSizes() {
        get("/loki/api/v1/index/stats", "query", "{pod=\"a\"}").statusCode(200)
                .body(equalTo("{\"streams\":1,\"chunks\":1,\"bytes\":" + (20 + 2 * SM) + ",\"entries\":2}\n"));
        get("/loki/api/v1/index/stats", "query", "{service_name=\"web\"}").statusCode(200)
                .body("streams", equalTo(2)).body("chunks", equalTo(2)).body("entries", equalTo(3))
                .body("bytes", equalTo(25 + 3 * SM));
        // a window over 31 s of the chunk's 61 s counts that share of it (Loki scales by time, truncating)
        RestAssured.given().header("X-Scope-OrgID", T).queryParam("query", "{pod=\"a\"}")
                .queryParam("start", Long.toString(base)).queryParam("end", Long.toString(base + 31_000_000_000L))
                .get("/loki/api/v1/index/stats").then().statusCode(200)
                .body(equalTo("{\"streams\":1,\"chunks\":1,\"bytes\":" + (long) ((20 + 2 * SM) * 31.0 / 61) + ",\"entries\":1}\n"));
        get("/loki/api/v1/index/stats", "query", "{pod=\"zzz\"}").statusCode(200)
                .body(equalTo("{\"streams\":0,\"chunks\":0,\"bytes\":0,\"entries\":0}\n"));
    }

    @Test
    void volumeWindowIsCutToWholeSecondsLikeLokisVolumeMiddleware() {
        // end at 60.5 s is sent on as 60 s: 60 of the chunk's 61 s, i.e. (long) (62 × 60/61) bytes
        RestAssured.given().header("X-Scope-OrgID", T).queryParam("query", "{pod=\"a\"}")
                .queryParam("start", Long.toString(base)).queryParam("end", Long.toString(base + 60_500_000_000L))
                .get("/loki/api/v1/index/volume").then().statusCode(200)
                .body("data.result[0].value[1]", equalTo("60"));
    }

    @Test
    void parametersAreCheckedInLokisOrder() {
        // volume: limit 0 means the default 100; negative is refused before anything else
        get("/loki/api/v1/index/volume", "query", "{pod=\"a\"}", "limit", "0").statusCode(200)
                .body("data.result", hasSize(1));
        get("/loki/api/v1/index/volume", "query", "{pod=", "limit", "-1", "aggregateBy", "x").statusCode(400)
                .body(equalTo("limit must be a positive value\n"));
        get("/loki/api/v1/index/volume", "query", "{pod=\"a\"}", "limit", "ten").statusCode(400)
                .body(equalTo("strconv.Atoi: parsing \"ten\": invalid syntax\n"));
        get("/loki/api/v1/index/volume", "query", "{pod=\"a\"}", "direction", "up", "aggregateBy", "x")
                .statusCode(400).body(equalTo("invalid direction 'up'\n"));
        get("/loki/api/v1/index/volume_range", "query", "{pod=\"a\"}", "step", "1ms").statusCode(400)
                .body(startsWith("exceeded maximum resolution of 11,000 points per time series."));
        get("/loki/api/v1/index/volume_range", "query", "{pod=\"a\"}", "interval", "-1").statusCode(400)
                .body(equalTo("interval must be >= 0\n"));
        // index/stats is parsed as a full range query
        get("/loki/api/v1/index/stats", "query", "{pod=\"a\"}", "limit", "-5").statusCode(400)
                .body(equalTo("limit must be a positive value\n"));
        get("/loki/api/v1/index/stats", "query", "{pod=\"a\"}", "direction", "sideways").statusCode(400)
                .body(equalTo("invalid direction 'sideways'\n"));
        get("/loki/api/v1/index/stats", "query", "{pod=\"a\"}", "step", "0").statusCode(400)
                .body(equalTo("zero or negative query resolution step widths are not accepted. Try a positive integer\n"));
        // index/stats and volume take label matchers only; volume's literal {} matches everything
        get("/loki/api/v1/index/stats", "query", "{pod=\"a\"} |= \"x\"").statusCode(400)
                .body(equalTo("only label matchers are supported\n"));
        get("/loki/api/v1/index/volume", "query", "{pod=\"a\"} | json").statusCode(400)
                .body(equalTo("only label matchers are supported\n"));
        get("/loki/api/v1/index/volume", "query", "{}", "targetLabels", "pod").statusCode(200)
                .body("data.result", hasSize(3));
        get("/loki/api/v1/index/volume", "query", "{}").statusCode(200)
                .body("data.result", hasSize(3))
                .body("data.result[0].metric", equalTo(Map.of("pod", "a", "service_name", "web")));
        // legacy /api/prom/query validates step and interval too
        get("/api/prom/query", "query", "{pod=\"a\"}", "step", "1ms").statusCode(400)
                .body(startsWith("exceeded maximum resolution of 11,000 points per time series."));
    }

    @Test
    void volumeRangeBucketsAsLokisVolumeMiddleware() {
        // buckets [base, base+59.999 s] and [base+60 s, base+120 s] (the request end), each asked
        // for in whole seconds ([base, base+59 s], [base+60 s, base+120 s]); a chunk's bytes (2 × 31,
        // span 1 ns .. 61 s) are shared by time as Loki's ingester does: 59/61 and 1/61, truncated;
        // the points carry the bucket ends
        long sec = base / 1_000_000_000L;
        String body = get("/loki/api/v1/index/volume_range", "query", "{pod=\"a\"}", "step", "60").statusCode(200)
                .body("data.resultType", equalTo("matrix"))
                .body("data.result", hasSize(1))
                .body("data.result[0].metric", equalTo(Map.of("pod", "a")))
                .extract().asString();
        org.junit.jupiter.api.Assertions.assertTrue(body.contains("\"values\":[[" + (sec + 59) + ".999,\"59\"],["
                + (sec + 120) + ",\"1\"]]"), body);
        // a series with data in one bucket only is a vector (Loki: matrix only when some series has
        // more than one point), stamped with its bucket end
        String vector = get("/loki/api/v1/index/volume_range", "query", "{pod=\"b\"}", "step", "60").statusCode(200)
                .body("data.resultType", equalTo("vector"))
                .body("data.result[0].value[1]", equalTo(Long.toString(5 + SM)))
                .extract().asString();
        org.junit.jupiter.api.Assertions.assertTrue(vector.contains("\"value\":[" + (sec + 59) + ".999,"), vector);
        // nothing at all: an empty vector
        get("/loki/api/v1/index/volume_range", "query", "{pod=\"zzz\"}", "step", "60").statusCode(200)
                .body("data.resultType", equalTo("vector")).body("data.result", hasSize(0));
    }

    @Test
    void volumeRangeCutsTheTopLimitPerBucketAndOrdersByTheFirstPoint() {
        long sec = base / 1_000_000_000L;
        // bucket 1: web/a (the share of pod a's chunk) > web/b > db/c; bucket 2 has only pod a:
        // with limit 1, pod a is the top of both buckets
        String body = get("/loki/api/v1/index/volume_range", "query", "{service_name=~\".+\"}", "targetLabels", "pod",
                "step", "60", "limit", "1").statusCode(200)
                .body("data.resultType", equalTo("matrix"))
                .body("data.result.collect { it.metric }", equalTo(List.of(Map.of("pod", "a"))))
                .extract().asString();
        org.junit.jupiter.api.Assertions.assertTrue(body.contains("[" + (sec + 120) + ",\"1\"]"), body);
        // limit 2 keeps pods a and b in bucket 1 only; series sorted by their first point
        get("/loki/api/v1/index/volume_range", "query", "{service_name=~\".+\"}", "targetLabels", "pod",
                "step", "60", "limit", "2").statusCode(200)
                .body("data.result.collect { it.metric }", equalTo(List.of(Map.of("pod", "a"), Map.of("pod", "b"))))
                .body("data.result[1].values", hasSize(1));
    }

    @Test
    void formatQueryPrettyPrints() {
        RestAssured.given().queryParam("query", "sum(rate({app=\"x\"}|=\"y\"[1m]))").get("/loki/api/v1/format_query")
                .then().statusCode(200).contentType(startsWith("application/json"))
                .body("status", equalTo("success"))
                .body("data", equalTo("sum(rate({app=\"x\"} |= \"y\"[1m]))"));
        RestAssured.given().formParam("query", "{app=").post("/loki/api/v1/format_query").then().statusCode(400)
                .body("status", equalTo("invalid-query"))
                .body("error", startsWith("parse error"));
    }

    @Test
    void legacyQueryHasTheLegacyShape() {
        get("/api/prom/query", "query", "{service_name=\"web\"}", "regexp", "x{5}", "limit", "10", "direction", "forward")
                .statusCode(200)
                .body("streams", hasSize(2))
                .body("streams[0].labels", equalTo("{detected_level=\"unknown\", pod=\"a\", service_name=\"web\"}"))
                .body("streams[0].entries[0].ts", startsWith("20"))
                .body("streams[0].entries[0].line", equalTo("xxxxxxxxxx"))
                .body("stats.summary.totalEntriesReturned", equalTo(3));
        get("/api/prom/query", "query", "rate({pod=\"a\"}[1m])").statusCode(400)
                .body(equalTo("legacy endpoints only support streams result type\n"));
    }
}
