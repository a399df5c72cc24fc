package io.strata.api;

import static io.restassured.RestAssured.given;
import static io.strata.api.PushApiTest.pushJson;
import static io.strata.api.PushApiTest.queryRange;
import static io.strata.api.PushApiTest.tenant;
import static io.strata.api.PushBodies.nowNanos;
import static io.strata.api.PushBodies.value;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ReadApiTest {
    static final String T = tenant("read");
    static long base;

    @BeforeEach
    void load() {
        if (base != 0) {
            return;
        }
        base = nowNanos() - 60_000_000_000L;
        String body = "{\"streams\":["
                + "{\"stream\":{\"app\":\"web\",\"env\":\"prod\"},\"values\":["
                + value(base + 1, "w1") + "," + value(base + 3, "w3") + "," + value(base + 5, "w5") + "]},"
                + "{\"stream\":{\"app\":\"db\",\"env\":\"prod\"},\"values\":["
                + value(base + 2, "d2") + "," + value(base + 4, "d4") + "]},"
                + "{\"stream\":{\"app\":\"job\",\"env\":\"dev\"},\"values\":[" + value(base + 6, "j6") + "]}]}";
        pushJson(T, body).statusCode(204);
    }

    @Test
    void labelsAreSortedAndIncludeServiceName() {
        given().header("X-Scope-OrgID", T).get("/loki/api/v1/labels").then().statusCode(200)
                .body(equalTo("{\"status\":\"success\",\"data\":[\"app\",\"env\",\"service_name\"]}\n"));
        given().header("X-Scope-OrgID", T).get("/loki/api/v1/label").then().statusCode(200)
                .body("data", contains("app", "env", "service_name"));
        given().header("X-Scope-OrgID", T).queryParam("query", "{env=\"dev\"}").get("/loki/api/v1/label/app/values")
                .then().statusCode(200).body("data", contains("job"));
        given().header("X-Scope-OrgID", T).get("/loki/api/v1/label/app/values").then().statusCode(200)
                .body("data", contains("db", "job", "web"));
        given().header("X-Scope-OrgID", T).get("/api/prom/label").then().statusCode(200)
                .body("values", contains("app", "env", "service_name"));
    }

    @Test
    void emptyTenantLabelsOmitData() {
        given().header("X-Scope-OrgID", tenant("nobody")).get("/loki/api/v1/labels").then().statusCode(200)
                .body(equalTo("{\"status\":\"success\"}\n"));
        given().header("X-Scope-OrgID", T).get("/loki/api/v1/label/nope/values").then().statusCode(200)
                .body(equalTo("{\"status\":\"success\"}\n"));
        given().header("X-Scope-OrgID", tenant("nobody")).get("/loki/api/v1/series").then().statusCode(200)
                .body(equalTo("{\"status\":\"success\",\"data\":[]}\n"));
    }

    @Test
    void seriesWithMatchAndPostForm() {
        given().header("X-Scope-OrgID", T).queryParam("match[]", "{env=\"prod\"}").get("/loki/api/v1/series")
                .then().statusCode(200).body("data", hasSize(2))
                .body("data[0]", equalTo(Map.of("app", "db", "env", "prod", "service_name", "db")));
        given().header("X-Scope-OrgID", T).formParam("match[]", "{app=\"job\"}").formParam("match", "{app=\"db\"}")
                .post("/loki/api/v1/series").then().statusCode(200).body("data", hasSize(2));
        given().header("X-Scope-OrgID", T).queryParam("match[]", "{}").get("/api/prom/series").then()
                .statusCode(200).body("data", hasSize(3));
        given().header("X-Scope-OrgID", T).queryParam("match[]", "{app=}").get("/loki/api/v1/series").then()
                .statusCode(400);
    }

    @Test
    void queryRangeBothDirectionsWithLimitAcrossStreams() {
        String start = Long.toString(base);
        String end = Long.toString(base + 100);
        queryRange(T, "{env=\"prod\"}", "start", start, "end", end, "limit", "3").statusCode(200)
                .body("data.result", hasSize(2))
                .body("data.result.find { it.stream.app == 'web' }.values.collect { it[1] }", equalTo(List.of("w5", "w3")))
                .body("data.result.find { it.stream.app == 'db' }.values.collect { it[1] }", equalTo(List.of("d4")));
        queryRange(T, "{env=\"prod\"}", "start", start, "end", end, "limit", "3", "direction", "FORWARD")
                .statusCode(200)
                .body("data.result.find { it.stream.app == 'web' }.values.collect { it[1] }", equalTo(List.of("w1", "w3")))
                .body("data.result.find { it.stream.app == 'db' }.values.collect { it[1] }", equalTo(List.of("d2")));
        // end is exclusive for log queries
        queryRange(T, "{app=\"web\"}", "start", start, "end", Long.toString(base + 5)).statusCode(200)
                .body("data.result[0].values.collect { it[1] }", equalTo(List.of("w3", "w1")));
        given().header("X-Scope-OrgID", T).formParam("query", "{app=\"job\"}").formParam("since", "2h")
                .post("/loki/api/v1/query_range").then().statusCode(200)
                .body("data.result[0].values[0][1]", equalTo("j6"))
                .body("data.stats.summary", hasKey("execTime"))
                .body("data.stats.querier.store.chunk", hasKey("headChunkBytes"))
                .body("data.stats.cache", hasKey("taskResult"))
                .body("data.stats.index", hasKey("totalStreams"))
                .body("data", not(hasKey("encodingFlags")));
    }

    @Test
    void parameterErrorsHaveLokiTexts() {
        queryRange(T, "{app=\"web\"}", "limit", "0").statusCode(400)
                .body(equalTo("limit must be a positive value\n"));
        queryRange(T, "{app=\"web\"}", "limit", "abc").statusCode(400)
                .body(equalTo("strconv.Atoi: parsing \"abc\": invalid syntax\n"));
        queryRange(T, "{app=\"web\"}", "direction", "up").statusCode(400)
                .body(equalTo("invalid direction 'up'\n"));
        queryRange(T, "{app=\"web\"}", "start", "20", "end", "10").statusCode(400)
                .body(equalTo("end timestamp must not be before or equal to start time\n"));
        queryRange(T, "{app=\"web\"}", "since", "abc").statusCode(400)
                .body(equalTo("could not parse 'since' parameter: not a valid duration string: \"abc\"\n"));
        queryRange(T, "{app=\"web\"}", "start", "yesterday").statusCode(400)
                .body(equalTo("could not parse 'start' parameter: strconv.ParseInt: parsing \"yesterday\": invalid syntax\n"));
        queryRange(T, "{app=\"web\"}", "limit", "10000").statusCode(400).body(equalTo(
                "max entries limit per query exceeded, limit > max_entries_limit_per_query (10000 > 5000)\n"));
        queryRange(T, "{app=\"web\"}", "since", "40d").statusCode(400).body(equalTo(
                "the query time range exceeds the limit (query length: 960h0m0s, limit: 30d1h)\n"));
        queryRange(T, "{app=\"web\"}", "step", "0").statusCode(400).body(equalTo(
                "zero or negative query resolution step widths are not accepted. Try a positive integer\n"));
        queryRange(T, "{app=\"web\"}", "start", "0", "end", "100000", "step", "1ms").statusCode(400).body(equalTo(
                "exceeded maximum resolution of 11,000 points per time series. Try increasing the value of the step "
                        + "parameter\n"));
        queryRange(T, "").statusCode(400).body(equalTo("parse error : syntax error: unexpected $end\n"));
        queryRange(T, "{job=~\".*\"}").statusCode(400).body(org.hamcrest.Matchers.startsWith(
                "parse error : queries require at least one regexp or equality matcher that does not have an "
                        + "empty-compatible value."));
        queryRange(T, "{app=\"web\"").statusCode(400)
                .body(equalTo("parse error at line 1, col 11: syntax error: unexpected $end, expecting } or ,\n"));
        // full LogQL since the engine serves the API
        queryRange(T, "{app=\"web\"} |= \"x\"").statusCode(200).body("data.resultType", equalTo("streams"));
        queryRange(T, "rate({app=\"web\"}[1m])").statusCode(200).body("data.resultType", equalTo("matrix"));
        given().header("X-Scope-OrgID", T).queryParam("query", "{app=\"web\"}").get("/loki/api/v1/query").then()
                .statusCode(400).body(equalTo("log queries are not supported as an instant query type, please change "
                        + "your query to a range query type\n"));
        given().queryParam("query", "{app=\"web\"}").get("/loki/api/v1/query_range").then()
                .statusCode(401).body(equalTo("no org id\n"));
    }

    @Test
    void healthCheckStyleTimestampsParse() {
        // 10 characters: seconds; RFC3339 and float seconds work too
        queryRange(T, "{app=\"web\"}", "start", "1700000000", "end", "4000000000", "limit", "1").statusCode(400)
                .body(org.hamcrest.Matchers.startsWith("the query time range exceeds the limit"));
        queryRange(T, "{app=\"web\"}", "start", "2026-01-01T00:00:00Z", "end", "2026-01-02T00:00:00.5+01:00")
                .statusCode(200);
        queryRange(T, "{app=\"web\"}", "start", "1767225600.123", "end", "1767312000").statusCode(200);
    }
}
