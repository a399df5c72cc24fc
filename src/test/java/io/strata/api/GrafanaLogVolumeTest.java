package io.strata.api;

import static io.strata.api.GrafanaRequests.entry;
import static io.strata.api.PushApiTest.pushJson;
import static io.strata.api.PushApiTest.tenant;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Explore's log volume histogram (API.md §6.5): {@code sum by (level, detected_level)} over
 * {@code count_over_time(... | drop __error__ [step])}; grouping by the structured-metadata key
 * {@code detected_level} that ingest adds.
 */
@QuarkusTest
class GrafanaLogVolumeTest {
    @Test
    void volumeHistogramGroupsByDetectedLevel() {
        String t = tenant("logvol");
        long base = GrafanaRequests.baseNanos();
        pushJson(t, "{\"streams\":[{\"stream\":{\"app\":\"web\"},\"values\":["
                + entry(base + 1_000_000_000L, "level=info msg=a") + ","
                + entry(base + 2_000_000_000L, "level=info msg=b") + ","
                + entry(base + 3_000_000_000L, "level=error msg=c") + ","
                + entry(base + 70_000_000_000L, "level=error msg=d") + "]}]}").statusCode(204);
        GrafanaRequests.get(GrafanaRequests.data(t, "logvolhist"), "/loki/api/v1/query_range",
                        "direction", "backward", "start", Long.toString(base),
                        "end", Long.toString(base + 120_000_000_000L), "limit", "1000", "step", "60000ms",
                        "query", "sum by (level, detected_level) (count_over_time({app=\"web\"} | drop __error__ [1m]))")
                .statusCode(200)
                .body("data.resultType", equalTo("matrix"))
                .body("data.result", hasSize(2))
                .body("data.result[0].metric", equalTo(java.util.Map.of("detected_level", "error")))
                .body("data.result[0].values.collect { it[1] }", equalTo(List.of("1", "1")))
                .body("data.result[1].metric", equalTo(java.util.Map.of("detected_level", "info")))
                .body("data.result[1].values.collect { it[1] }", equalTo(List.of("2")));
    }
}
