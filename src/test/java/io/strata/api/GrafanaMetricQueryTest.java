package io.strata.api;

import static io.strata.api.GrafanaRequests.entry;
import static io.strata.api.PushApiTest.pushJson;
import static io.strata.api.PushApiTest.tenant;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Grafana metric queries (API.md §6.3): range with {@code step=<N>ms} (matrix, step-aligned
 * timestamps as numbers of seconds, values as Go float strings) and instant (vector).
 */
@QuarkusTest
class GrafanaMetricQueryTest {
    static final String T = tenant("metric");
    static long base;

    @BeforeEach
    void load() {
        if (base != 0) {
            return;
        }
        base = GrafanaRequests.baseNanos();
        StringBuilder web = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            web.append(i == 0 ? "" : ",").append(entry(base + i * 10_000_000_000L + 1, "status=" + (i < 3 ? 200 : 500)
                    + " duration=" + (i + 1) + "s"));
        }
        pushJson(T, "{\"streams\":[{\"stream\":{\"app\":\"web\"},\"values\":[" + web + "]},"
                + "{\"stream\":{\"app\":\"db\"},\"values\":[" + entry(base + 5_000_000_000L, "status=200 duration=1s")
                + "]}]}").statusCode(204);
    }

    @Test
    void rangeQueryIsAStepAlignedMatrix() {
        long start = base + 7_000_000_000L;          // not a multiple of the step: rounded down
        long end = base + 65_000_000_000L;           // rounded up
        String body = GrafanaRequests.get(GrafanaRequests.data(T, null), "/loki/api/v1/query_range",
                        "direction", "backward", "start", Long.toString(start), "end", Long.toString(end),
                        "limit", "1000", "step", "60000ms",
                        "query", "sum by (app) (count_over_time({app=~\"web|db\"}[1m]))")
                .statusCode(200)
                .body("data.resultType", equalTo("matrix"))
                .body("data.result", hasSize(2))
                .body("data.result[0].metric", equalTo(Map.of("app", "db")))
                .body("data.result[1].metric", equalTo(Map.of("app", "web")))
                .body("data.result[1].values.collect { it[1] }", equalTo(List.of("6")))
                .extract().asString();
        long stepSeconds = base / 1_000_000_000L + 60;
        org.hamcrest.MatcherAssert.assertThat(body, containsString("[" + stepSeconds + ",\"6\"]"));
    }

    @Test
    void ratesAreShortestGoFloats() {
        long t = base + 60_000_000_000L;
        GrafanaRequests.get(GrafanaRequests.data(T, null), "/loki/api/v1/query",
                        "direction", "backward", "time", Long.toString(t),
                        "query", "sum(rate({app=\"web\"}[1m])) / 7")
                .statusCode(200)
                .body("data.resultType", equalTo("vector"))
                .body("data.result[0].value[1]", equalTo("0.014285714285714287"));
        GrafanaRequests.get(GrafanaRequests.data(T, null), "/loki/api/v1/query",
                        "time", Long.toString(t), "query", "sum(count_over_time({app=\"web\"}[1m])) / 0")
                .statusCode(200).body("data.result[0].value[1]", equalTo("NaN"));  // Loki: x / 0 = NaN
        GrafanaRequests.get(GrafanaRequests.data(T, null), "/loki/api/v1/query",
                        "time", Long.toString(t), "query", "0/0")
                .statusCode(200).body("data.result[1]", equalTo("NaN"));
    }

    @Test
    void unwrapAndTopkWork() {
        long t = base + 60_000_000_000L;
        GrafanaRequests.get(GrafanaRequests.data(T, null), "/loki/api/v1/query", "time", Long.toString(t),
                        "query", "max(max_over_time({app=\"web\"} | logfmt | unwrap duration(duration) [1m]))")
                .statusCode(200).body("data.result[0].value[1]", equalTo("6"));
        GrafanaRequests.get(GrafanaRequests.data(T, null), "/loki/api/v1/query", "time", Long.toString(t),
                        "query", "topk(1, sum by (app) (count_over_time({app=~\".+\"}[1m])))")
                .statusCode(200).body("data.result", hasSize(1))
                .body("data.result[0].metric.app", equalTo("web"));
        GrafanaRequests.get(GrafanaRequests.data(T, null), "/loki/api/v1/query_range",
                        "start", Long.toString(base), "end", Long.toString(base + 60_000_000_000L), "step", "30",
                        "query", "sum by (status) (count_over_time({app=\"web\"} | logfmt | status >= 500 [1m]))")
                .statusCode(200).body("data.result[0].metric", equalTo(Map.of("status", "500")));
    }
}
