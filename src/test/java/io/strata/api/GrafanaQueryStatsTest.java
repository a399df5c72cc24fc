package io.strata.api;

import static io.strata.api.GrafanaRequests.entry;
import static io.strata.api.PushApiTest.pushJson;
import static io.strata.api.PushApiTest.tenant;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Grafana's query size estimate (API.md §6.7): index/stats per selector, a bare object. */
@QuarkusTest
class GrafanaQueryStatsTest {
    @Test
    void indexStatsCountsStreamsEntriesAndBytes() {
        String t = tenant("idxstats");
        long base = GrafanaRequests.baseNanos();
        pushJson(t, "{\"streams\":[{\"stream\":{\"app\":\"web\"},\"values\":[" + entry(base + 1, "12345") + ","
                + entry(base + 2, "123", "{\"k\":\"v\"}") + "]},{\"stream\":{\"app\":\"db\"},\"values\":["
                + entry(base + 3, "1") + "]}]}").statusCode(204);
        var spec = io.restassured.RestAssured.given().header("X-Scope-OrgID", t);
        String start = Long.toString(base);
        String end = Long.toString(base + 60_000_000_000L);
        GrafanaRequests.get(spec, "/loki/api/v1/index/stats", "query", "{app=\"web\"}", "start", start, "end", end)
                .statusCode(200)
                .body("streams", equalTo(1))
                .body("chunks", equalTo(1))
                .body("entries", equalTo(2))
                // line bytes plus structured metadata (k=v, and detected_level=unknown added at ingest)
                .body("bytes", equalTo(5 + 3 + 2 + 2 * ("detected_level".length() + "unknown".length())));
        GrafanaRequests.get(io.restassured.RestAssured.given().header("X-Scope-OrgID", t), "/loki/api/v1/index/stats",
                        "query", "{app=\"none\"}", "start", start, "end", end)
                .statusCode(200)
                .body(equalTo("{\"streams\":0,\"chunks\":0,\"bytes\":0,\"entries\":0}\n"));
    }
}
