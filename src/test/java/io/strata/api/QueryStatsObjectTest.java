package io.strata.api;

import static io.restassured.RestAssured.given;
import static io.strata.api.PushApiTest.pushJson;
import static io.strata.api.PushApiTest.queryRange;
import static io.strata.api.PushApiTest.tenant;
import static io.strata.api.PushBodies.json;
import static io.strata.api.PushBodies.nowNanos;
import static io.strata.api.PushBodies.value;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * The chunk figures of a query's {@code stats} (API.md §2.5): head chunks as the ingester's,
 * flushed chunks as the store's and the index's, with their compressed size.
 */
@QuarkusTest
class QueryStatsObjectTest {
    @Test
    void chunkCountsFollowWhereTheDataIs() {
        String t = tenant("stats");
        long ts = nowNanos() - 30_000_000_000L;
        pushJson(t, json("{\"app\":\"a\"}", value(ts, "one"), value(ts + 1, "two"))).statusCode(204);
        pushJson(t, json("{\"app\":\"b\"}", value(ts + 2, "three"))).statusCode(204);
        queryRange(t, "{app=~\"a|b\"}", "since", "5m").statusCode(200)
                .body("data.stats.ingester.totalReached", equalTo(1))
                .body("data.stats.ingester.totalChunksMatched", equalTo(2))
                .body("data.stats.querier.store.totalChunksRef", equalTo(0))
                .body("data.stats.querier.store.chunk.compressedBytes", equalTo(0))
                .body("data.stats.index.totalChunks", equalTo(0))
                .body("data.stats.index.totalStreams", equalTo(2));
        given().post("/flush").then().statusCode(204);
        queryRange(t, "{app=\"a\"}", "since", "5m").statusCode(200)
                .body("data.stats.ingester.totalReached", equalTo(0))
                .body("data.stats.ingester.totalChunksMatched", equalTo(0))
                .body("data.stats.querier.store.totalChunksRef", equalTo(1))
                .body("data.stats.querier.store.totalChunksDownloaded", equalTo(1))
                .body("data.stats.querier.store.chunk.compressedBytes", greaterThan(0))
                .body("data.stats.index.totalChunks", equalTo(1))
                .body("data.stats.index.postFilterChunks", equalTo(1))
                .body("data.stats.summary.totalLinesProcessed", equalTo(2));
        // outside the chunk's time range nothing is referenced
        queryRange(t, "{app=\"a\"}", "start", Long.toString(ts - 120_000_000_000L), "end",
                Long.toString(ts - 60_000_000_000L)).statusCode(200)
                .body("data.stats.querier.store.totalChunksRef", equalTo(0));
    }
}
