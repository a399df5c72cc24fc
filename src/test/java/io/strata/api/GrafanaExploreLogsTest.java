package io.strata.api;

import static io.strata.api.GrafanaRequests.entry;
import static io.strata.api.PushApiTest.pushJson;
import static io.strata.api.PushApiTest.tenant;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Grafana Explore log queries (API.md §6.2): query_range in ns with limit=1000, step in ms and
 * the categorize-labels flag; the same query without the flag (curl, logcli) folds structured
 * metadata and parsed labels into {@code stream}.
 */
@QuarkusTest
class GrafanaExploreLogsTest {
    static final String T = tenant("explore");
    static long base;

    @BeforeEach
    void load() {
        if (base != 0) {
            return;
        }
        base = GrafanaRequests.baseNanos();
        pushJson(T, "{\"streams\":[{\"stream\":{\"app\":\"web\",\"env\":\"prod\"},\"values\":["
                + entry(base + 1_000_000_000L, "level=info msg=hello", "{\"trace_id\":\"abc\"}") + ","
                + entry(base + 2_000_000_000L, "level=error msg=boom status=500") + "]},"
                + "{\"stream\":{\"app\":\"db\"},\"values\":[" + entry(base + 3_000_000_000L, "plain <line> & more")
                + "]}]}").statusCode(204);
    }

    private static String[] window(String query, String... more) {
        List<String> p = new java.util.ArrayList<>(List.of("direction", "backward", "start", Long.toString(base),
                "end", Long.toString(base + 60_000_000_000L), "limit", "1000", "step", "200ms", "query", query));
        p.addAll(List.of(more));
        return p.toArray(String[]::new);
    }

    @Test
    void categorizedStreamsCarryMetadataAndParsedLabelsPerEntry() {
        String body = GrafanaRequests.get(GrafanaRequests.data(T, null), "/loki/api/v1/query_range",
                        window("{app=\"web\"} | logfmt"))
                .statusCode(200)
                .body("data.resultType", equalTo("streams"))
                .body("data.encodingFlags", equalTo(List.of("categorize-labels")))
                .body("data.result", hasSize(1))
                .body("data.result[0].stream", equalTo(Map.of("app", "web", "env", "prod", "service_name", "web")))
                .body("data.result[0].values.collect { it[1] }",
                        equalTo(List.of("level=error msg=boom status=500", "level=info msg=hello")))
                .body("data.result[0].values[0][0]", equalTo(Long.toString(base + 2_000_000_000L)))
                .body("data.result[0].values[0][2].parsed",
                        equalTo(Map.of("level", "error", "msg", "boom", "status", "500")))
                .body("data.result[0].values[1][2].structuredMetadata.trace_id", equalTo("abc"))
                .body("data.result[0].values[1][2].parsed", equalTo(Map.of("level", "info", "msg", "hello")))
                .body("data.result[0].values", everyItem(hasSize(3)))
                .body("data.stats.summary.totalLinesProcessed", equalTo(2))
                .body("data.stats.summary.totalEntriesReturned", equalTo(2))
                .extract().asString();
        // Grafana's streaming reader: encodingFlags before result, stats after it
        int flags = body.indexOf("\"encodingFlags\"");
        int result = body.indexOf("\"result\"");
        int stats = body.indexOf("\"stats\"");
        assertTrue(body.indexOf("\"resultType\"") < flags && flags < result && result < stats, body);
    }

    @Test
    void withoutTheFlagLabelsAreFoldedIntoStreams() {
        var spec = io.restassured.RestAssured.given().header("X-Scope-OrgID", T);
        GrafanaRequests.get(spec, "/loki/api/v1/query_range", window("{app=\"web\"} | logfmt"))
                .statusCode(200)
                .body("data", not(hasKey("encodingFlags")))
                .body("data.result", hasSize(2))
                .body("data.result.find { it.stream.level == 'info' }.stream.trace_id", equalTo("abc"))
                .body("data.result.find { it.stream.level == 'info' }.stream.msg", equalTo("hello"))
                .body("data.result.find { it.stream.level == 'error' }.stream.status", equalTo("500"))
                .body("data.result.collect { it.values[0].size() }", equalTo(List.of(2, 2)));
    }

    @Test
    void linesAreEscapedAndForwardOrderHolds() {
        String body = GrafanaRequests.get(GrafanaRequests.data(T, "infinitescroll"), "/loki/api/v1/query_range",
                        "direction", "forward", "start", Long.toString(base),
                        "end", Long.toString(base + 60_000_000_000L), "limit", "1000", "query", "{app=~\"web|db\"}")
                .statusCode(200)
                .body("data.result", hasSize(2))
                .body("data.result.find { it.stream.app == 'db' }.values[0][1]", equalTo("plain <line> & more"))
                .body("data.result.find { it.stream.app == 'web' }.values.collect { it[1] }",
                        equalTo(List.of("level=info msg=hello", "level=error msg=boom status=500")))
                .extract().asString();
        assertTrue(body.contains("\"" + (base + 3_000_000_000L) + "\""), "ns timestamps are strings");
    }

    @Test
    void logsSampleForMetricQueryUsesALimit() {
        // API.md §6.6: the inner log query with a small limit and Source=logsample
        GrafanaRequests.get(GrafanaRequests.data(T, "logsample"), "/loki/api/v1/query_range",
                        "direction", "backward", "start", Long.toString(base), "end", Long.toString(base + 60_000_000_000L),
                        "limit", "1", "query", "{app=~\"web|db\"}")
                .statusCode(200)
                .body("data.result", hasSize(1))
                .body("data.result[0].stream.app", equalTo("db"))
                .body("data.stats.summary.totalEntriesReturned", equalTo(1));
    }

    @Test
    void intervalThinsAndEndIsExclusive() {
        var spec = io.restassured.RestAssured.given().header("X-Scope-OrgID", T);
        GrafanaRequests.get(spec, "/loki/api/v1/query_range", "query", "{app=\"web\"}", "direction", "forward",
                        "start", Long.toString(base), "end", Long.toString(base + 2_000_000_000L))
                .statusCode(200)
                .body("data.result.collect { it.values.size() }.sum()", equalTo(1));
        GrafanaRequests.get(io.restassured.RestAssured.given().header("X-Scope-OrgID", T), "/loki/api/v1/query_range",
                        "query", "{app=~\"web|db\"}", "direction", "forward",
                        "interval", "1500ms", "start", Long.toString(base), "end", Long.toString(base + 60_000_000_000L))
                .statusCode(200)
                .body("data.result.collect { it.values.size() }.sum()", equalTo(2));
    }
}
