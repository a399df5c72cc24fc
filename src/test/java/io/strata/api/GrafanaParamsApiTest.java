package io.strata.api;

import static io.restassured.RestAssured.given;
import static io.strata.api.PushApiTest.pushJson;
import static io.strata.api.PushApiTest.queryRange;
import static io.strata.api.PushApiTest.tenant;
import static io.strata.api.PushBodies.json;
import static io.strata.api.PushBodies.value;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The time and step parameter forms of API.md §1.2–1.4 through the real routes: ns, 10-digit
 * seconds, float seconds, RFC3339, {@code since}, the default step (range / 250, whole seconds)
 * and Grafana's {@code step=<N>ms}.
 */
@QuarkusTest
class GrafanaParamsApiTest {
    private static final long S = 1_000_000_000L;

    @Test
    void timeFormsSinceAndStepDefaults() {
        String t = tenant("params");
        long base = (System.currentTimeMillis() / 60_000 - 30) * 60 * S; // 30 min ago, whole minute
        pushJson(t, json("{\"app\":\"p\"}", value(base, "a"), value(base + 90 * S, "b"))).statusCode(204);
        String q = "{app=\"p\"}";
        long startSec = base / S - 60;
        long endSec = base / S + 120;
        // the same window as ns, 10-digit seconds, float seconds and RFC3339
        for (String[] w : List.of(
                new String[] {Long.toString(startSec * S), Long.toString(endSec * S)},
                new String[] {Long.toString(startSec), Long.toString(endSec)},
                new String[] {startSec + ".0", endSec + ".000"},
                new String[] {Instant.ofEpochSecond(startSec).toString(), Instant.ofEpochSecond(endSec).toString()})) {
            queryRange(t, q, "start", w[0], "end", w[1], "direction", "forward").statusCode(200)
                    .body("data.result[0].values", hasSize(2))
                    .body("data.result[0].values[0][0]", equalTo(Long.toString(base)));
        }
        // since counts back from end
        queryRange(t, q, "end", Long.toString(base + 60 * S), "since", "2m").statusCode(200)
                .body("data.result[0].values", hasSize(1));
        // default step: floor(range seconds / 250), here 3 h / 250 = 43 s
        List<List<Object>> values = queryRange(t, "count_over_time(" + q + "[10m])", "start",
                Long.toString(base - 3600 * S), "end", Long.toString(base + 7200 * S)).statusCode(200)
                .extract().path("data.result[0].values");
        long t0 = ((Number) values.get(0).get(0)).longValue();
        long t1 = ((Number) values.get(1).get(0)).longValue();
        assertEquals(43, t1 - t0);
        // Grafana's step=<N>ms: points at base, base + 60 s (empty window, omitted) and base + 120 s
        queryRange(t, "count_over_time(" + q + "[1m])", "start", Long.toString(base), "end",
                Long.toString(base + 120 * S), "step", "60000ms").statusCode(200)
                .body("data.result[0].values", equalTo(List.of(List.of((int) (base / S), "1"),
                        List.of((int) (base / S + 120), "1"))));
        given().header("X-Scope-OrgID", t).queryParam("query", "vector(1)+vector(1)").queryParam("time", "4000000000")
                .queryParam("direction", "backward").get("/loki/api/v1/query").then().statusCode(200)
                .body("data.result[0].value[0]", equalTo(4_000_000_000L));
    }
}
