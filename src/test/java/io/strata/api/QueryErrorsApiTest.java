package io.strata.api;

import static io.strata.api.GrafanaRequests.entry;
import static io.strata.api.PushApiTest.pushJson;
import static io.strata.api.PushApiTest.queryRange;
import static io.strata.api.PushApiTest.tenant;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The error texts and statuses of API.md §1.5 through the LogQL API (plain-text bodies). */
@QuarkusTest
class QueryErrorsApiTest {
    static final String T = tenant("errors");
    static long base;

    @BeforeEach
    void load() {
        if (base != 0) {
            return;
        }
        base = GrafanaRequests.baseNanos();
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 501; i++) {
            many.append(i == 0 ? "" : ",").append(entry(base + 1_000_000L * (i + 1), "id=" + i + " n=x" + i));
        }
        pushJson(T, "{\"streams\":[{\"stream\":{\"app\":\"many\"},\"values\":[" + many + "]}]}").statusCode(204);
    }

    private String[] window(String... more) {
        List<String> p = new java.util.ArrayList<>(List.of("start", Long.toString(base),
                "end", Long.toString(base + 60_000_000_000L)));
        p.addAll(List.of(more));
        return p.toArray(String[]::new);
    }

    @Test
    void parseErrors() {
        queryRange(T, "{app=\"many\"").statusCode(400).contentType("text/plain; charset=utf-8")
                .header("X-Content-Type-Options", "nosniff")
                .body(equalTo("parse error at line 1, col 12: syntax error: unexpected $end, expecting } or ,\n"));
        queryRange(T, "{job=~\".*\"}").statusCode(400).body(startsWith("parse error : queries require at least one "
                + "regexp or equality matcher that does not have an empty-compatible value."));
        queryRange(T, "").statusCode(400).body(equalTo("parse error : syntax error: unexpected $end\n"));
    }

    @Test
    void parameterErrors() {
        queryRange(T, "{app=\"many\"}", "limit", "0").statusCode(400).body(equalTo("limit must be a positive value\n"));
        queryRange(T, "{app=\"many\"}", "limit", "10000").statusCode(400).body(equalTo(
                "max entries limit per query exceeded, limit > max_entries_limit_per_query (10000 > 5000)\n"));
        queryRange(T, "{app=\"many\"}", "direction", "up").statusCode(400).body(equalTo("invalid direction 'up'\n"));
        queryRange(T, "rate({app=\"many\"}[1m])", "start", "0", "end", "100000", "step", "1ms").statusCode(400)
                .body(equalTo("exceeded maximum resolution of 11,000 points per time series. Try increasing the "
                        + "value of the step parameter\n"));
        io.restassured.RestAssured.given().header("X-Scope-OrgID", T).queryParam("query", "{app=\"many\"} |= \"x\"")
                .get("/loki/api/v1/query").then().statusCode(400).body(equalTo("log queries are not supported as an "
                        + "instant query type, please change your query to a range query type\n"));
        io.restassured.RestAssured.given().queryParam("query", "1+1").get("/loki/api/v1/query").then()
                .statusCode(401).body(equalTo("no org id\n"));
        // an instant query reads limit before time, as Loki's ParseInstantQuery
        io.restassured.RestAssured.given().header("X-Scope-OrgID", T).queryParam("query", "1+1")
                .queryParam("limit", "-1").queryParam("time", "noon").get("/loki/api/v1/query").then()
                .statusCode(400).body(equalTo("limit must be a positive value\n"));
    }

    @Test
    void tooManySeriesFailsExceptForDrilldown() {
        String q = "sum by (id) (count_over_time({app=\"many\"} | logfmt [1m]))";
        String instantAt = Long.toString(base + 60_000_000_000L);
        io.restassured.RestAssured.given().header("X-Scope-OrgID", T).queryParam("query", q)
                .queryParam("time", instantAt).get("/loki/api/v1/query").then().statusCode(400)
                .body(equalTo("maximum number of series (500) reached for a single query; consider reducing query "
                        + "cardinality by adding more specific stream selectors, reducing the time range, or "
                        + "aggregating results with functions like sum(), count() or topk()\n"));
        queryRange(T, q, window("step", "60")).statusCode(400).body(startsWith("maximum number of series (500)"));
        io.restassured.RestAssured.given().header("X-Scope-OrgID", T)
                .header("X-Query-Tags", "Source=grafana-lokiexplore-app").queryParam("query", q)
                .queryParams(java.util.Map.of("start", Long.toString(base), "end", Long.toString(base + 60_000_000_000L),
                        "step", "60"))
                .get("/loki/api/v1/query_range").then().statusCode(200)
                .body("warnings", equalTo(List.of(
                        "maximum number of series (500) reached for a single query; returning partial results")))
                .body("data.result", hasSize(500));
    }

    @Test
    void pipelineErrorOnUnwrap() {
        queryRange(T, "sum(sum_over_time({app=\"many\"} | logfmt | unwrap n [1m]))", window("step", "60"))
                .statusCode(400).body(startsWith("pipeline error: 'SampleExtractionErr' for series: "));
    }
}
