package io.strata.api;

import static io.restassured.RestAssured.given;
import static io.strata.api.PushApiTest.pushJson;
import static io.strata.api.PushApiTest.queryRange;
import static io.strata.api.PushBodies.json;
import static io.strata.api.PushBodies.nowNanos;
import static io.strata.api.PushBodies.value;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 4's query limits through the real routes, with per-tenant overrides from a
 * {@code tenants/} directory: {@code max_query_range}, {@code max_query_parallelism},
 * {@code max_query_lookback} before {@code max_query_length}, and their publication in
 * {@code drilldown-limits} and {@code /config/tenant/v1/limits}.
 */
@QuarkusTest
@TestProfile(QueryLimitsApiTest.Profile.class)
class QueryLimitsApiTest {
    static final Path DIR = Path.of("target", "query-limits-test-tenants");

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                Files.createDirectories(DIR);
                try (var files = Files.list(DIR)) {
                    for (Path p : files.toList()) {
                        Files.delete(p);
                    }
                }
                Files.writeString(DIR.resolve("ranged.yaml"), "limits:\n  max_query_range: 5m\n");
                Files.writeString(DIR.resolve("ranged2.yaml"), "limits:\n  max_query_range: 1h\n");
                Files.writeString(DIR.resolve("disabled.yaml"), "limits:\n  tsdb_max_query_parallelism: 0\n");
                // with a TSDB schema Loki does not use max_query_parallelism
                Files.writeString(DIR.resolve("legacy-zero.yaml"), "limits:\n  max_query_parallelism: 0\n");
                Files.writeString(DIR.resolve("lookback.yaml"),
                        "limits:\n  max_query_lookback: 1h\n  max_query_length: 2h\n");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return Map.of("strata.tenants-dir", DIR.toString(), "strata.multi-tenant-queries-enabled", "true");
        }
    }

    private static void push(String tenant) {
        pushJson(tenant, json("{\"app\":\"web\"}", value(nowNanos() - 60_000_000_000L, "hello"))).statusCode(204);
    }

    @Test
    void maxQueryRangeRejectsLongerRangeVectorsWithLokisText() {
        push("ranged");
        queryRange("ranged", "sum(rate({app=\"web\"}[10m]))", "since", "10m").statusCode(400)
                .body(equalTo("[interval] value exceeds limit: [10m] > [5m]\n"));
        // Loki walks the whole expression and reports the last range that is too long
        queryRange("ranged", "rate({app=\"web\"}[6m]) / rate({app=\"web\"}[1d])", "since", "10m").statusCode(400)
                .body(equalTo("[interval] value exceeds limit: [1d] > [5m]\n"));
        given().header("X-Scope-OrgID", "ranged").queryParam("query", "count_over_time({app=\"web\"}[2h])")
                .get("/loki/api/v1/query").then().statusCode(400)
                .body(equalTo("[interval] value exceeds limit: [2h] > [5m]\n"));
        // equal is allowed; log queries have no range
        queryRange("ranged", "sum(count_over_time({app=\"web\"}[5m]))", "since", "10m").statusCode(200)
                .body("data.resultType", equalTo("matrix"));
        queryRange("ranged", "{app=\"web\"}", "since", "10m").statusCode(200).body("data.result", hasSize(1));
        // no limit by default
        queryRange("ranged-none", "sum(rate({app=\"web\"}[30d]))", "since", "10m").statusCode(200);
        // several tenants: the smallest positive limit applies
        queryRange("ranged|ranged2", "sum(rate({app=\"web\"}[10m]))", "since", "10m").statusCode(400)
                .body(equalTo("[interval] value exceeds limit: [10m] > [5m]\n"));
    }

    @Test
    void limitsArePublished() {
        given().header("X-Scope-OrgID", "ranged").get("/loki/api/v1/drilldown-limits").then().statusCode(200)
                .body("limits.max_query_range", equalTo("5m"))
                .body("limits.max_query_length", equalTo("30d1h"))
                .body("limits", org.hamcrest.Matchers.hasKey("retention_stream"))
                .body("limits.retention_stream", equalTo(null));
        given().header("X-Scope-OrgID", "other").get("/loki/api/v1/drilldown-limits").then().statusCode(200)
                .body("limits.max_query_range", equalTo("0s"));
        given().header("X-Scope-OrgID", "ranged").get("/config/tenant/v1/limits").then().statusCode(200)
                .contentType("text/plain; charset=utf-8")
                .body(containsString("\nmax_query_range: 5m\n"))
                .body(containsString("\nmax_query_length: 30d1h\n"))
                .body(containsString("\nmax_query_series: 500\n"))
                .body(containsString("discover_service_name:\n    - service\n    - app\n"))
                .body(containsString("\nquery_timeout: 1m\n"))
                .body(containsString("\nretention_stream: null\n"));
        given().header("X-Scope-OrgID", "lookback").get("/config/tenant/v1/limits").then().statusCode(200)
                .body(containsString("\nmax_query_lookback: 1h\n"))
                .body(containsString("\nmax_query_length: 2h\n"))
                .body(containsString("\nmax_query_range: 0s\n"));
        given().get("/config/tenant/v1/limits").then().statusCode(401).body(equalTo("no org id\n"));
    }

    @Test
    void tsdbMaxQueryParallelismZeroDisablesQuerying() {
        String text = "querying is disabled, please contact your Loki operator\n";
        queryRange("disabled", "{app=\"web\"}").statusCode(429).body(equalTo(text));
        queryRange("disabled", "rate({app=\"web\"}[1m])").statusCode(429).body(equalTo(text));
        given().header("X-Scope-OrgID", "disabled").get("/loki/api/v1/labels").then().statusCode(429)
                .body(equalTo(text));
        given().header("X-Scope-OrgID", "disabled").get("/loki/api/v1/series").then().statusCode(429);
        // parameter errors come first, as Loki decodes the request before its round trippers run
        queryRange("disabled", "{app=\"web\"}", "limit", "-1").statusCode(400);
        queryRange("other", "{app=\"web\"}").statusCode(200);
        queryRange("legacy-zero", "{app=\"web\"}").statusCode(200);
    }

    @Test
    void reversedMetadataRangesFailInTheQuerierLikeLoki() {
        String now = Long.toString(nowNanos());
        String earlier = Long.toString(nowNanos() - 600_000_000_000L);
        given().header("X-Scope-OrgID", "other").queryParam("start", now).queryParam("end", earlier)
                .get("/loki/api/v1/labels").then().statusCode(400)
                .body(equalTo("this data is no longer available, it is past now - max_query_lookback (0s)\n"));
        given().header("X-Scope-OrgID", "other").queryParam("start", now).queryParam("end", earlier)
                .get("/loki/api/v1/label/app/values").then().statusCode(400)
                .body(equalTo("this data is no longer available, it is past now - max_query_lookback (0s)\n"));
        given().header("X-Scope-OrgID", "lookback").queryParam("start", now).queryParam("end", earlier)
                .queryParam("match[]", "{app=\"web\"}").get("/loki/api/v1/series").then().statusCode(400)
                .body(equalTo("this data is no longer available, it is past now - max_query_lookback (1h)\n"));
        // wholly before the lookback: the front end answers empty first
        String old = Long.toString(nowNanos() - 3 * 3_600_000_000_000L);
        given().header("X-Scope-OrgID", "lookback").queryParam("start", now).queryParam("end", old)
                .get("/loki/api/v1/labels").then().statusCode(200).body(equalTo("{\"status\":\"success\"}\n"));
        // query_range keeps its own parse-time check
        queryRange("other", "{app=\"web\"}", "start", now, "end", earlier).statusCode(400)
                .body(equalTo("end timestamp must not be before or equal to start time\n"));
    }

    @Test
    void lookbackClampsBeforeTheLengthCheck() {
        push("lookback");
        // 3h asked, clamped to the last 1h by max_query_lookback: within max_query_length 2h
        queryRange("lookback", "{app=\"web\"}", "since", "3h").statusCode(200).body("data.result", hasSize(1));
        given().header("X-Scope-OrgID", "lookback").queryParam("since", "3h").get("/loki/api/v1/labels").then()
                .statusCode(200).body("data", not(hasSize(0)));
        // entirely before the lookback: empty, not an error
        long end = nowNanos() - 2 * 3_600_000_000_000L;
        queryRange("lookback", "{app=\"web\"}", "start", Long.toString(end - 3_600_000_000_000L), "end",
                Long.toString(end)).statusCode(200).body("data.result", hasSize(0));
        queryRange("lookback", "{app=\"web\"}", "start", Long.toString(end - 30 * 3_600_000_000_000L), "end",
                Long.toString(end)).statusCode(200).body("data.result", hasSize(0));
        given().header("X-Scope-OrgID", "lookback").queryParam("query", "count_over_time({app=\"web\"}[5m])")
                .queryParam("time", Long.toString(end)).get("/loki/api/v1/query").then().statusCode(200)
                .body("data.resultType", equalTo("vector")).body("data.result", hasSize(0));
        given().header("X-Scope-OrgID", "lookback").queryParam("query", "count_over_time({app=\"web\"}[5m])")
                .get("/loki/api/v1/query").then().statusCode(200).body("data.result", hasSize(1));
        // max_query_length 2h applies to the clamped range (the end is in the future here)
        long start = nowNanos() - 1_800_000_000_000L;
        queryRange("lookback", "{app=\"web\"}", "start", Long.toString(start), "end",
                Long.toString(start + 3 * 3_600_000_000_000L)).statusCode(400)
                .body(equalTo("the query time range exceeds the limit (query length: 3h0m0s, limit: 2h)\n"));
        given().header("X-Scope-OrgID", "lookback").queryParam("start", Long.toString(start))
                .queryParam("end", Long.toString(start + 3 * 3_600_000_000_000L)).get("/loki/api/v1/series").then()
                .statusCode(400).body(equalTo("the query time range exceeds the limit (query length: 3h0m0s, "
                        + "limit: 2h)\n"));
        given().header("X-Scope-OrgID", "lookback").queryParam("query", "{app=\"web\"}")
                .queryParam("start", Long.toString(start))
                .queryParam("end", Long.toString(start + 3 * 3_600_000_000_000L)).get("/loki/api/v1/index/stats")
                .then().statusCode(400).body(containsString("(query length: 3h0m0s, limit: 2h)"));
    }
}
