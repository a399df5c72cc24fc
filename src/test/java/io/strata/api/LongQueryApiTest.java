package io.strata.api;

import static io.restassured.RestAssured.given;
import static io.strata.api.PushApiTest.pushJson;
import static io.strata.api.PushApiTest.tenant;
import static io.strata.api.PushBodies.json;
import static io.strata.api.PushBodies.nowNanos;
import static io.strata.api.PushBodies.value;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * Long LogQL in GET query strings and POST forms: Loki (Go's HTTP server, 1 MiB of request line
 * and headers) accepts them up to its parser's 128 KiB input limit, which answers 400.
 */
@QuarkusTest
class LongQueryApiTest {
    private static String longQuery(int filters) {
        return "{app=\"long\"}" + " != \"not-there-at-all\"".repeat(filters);
    }

    @Test
    void longQueriesWorkByGetAndPost() {
        String t = tenant("long");
        pushJson(t, json("{\"app\":\"long\"}", value(nowNanos() - 10_000_000_000L, "hello"))).statusCode(204);
        String q = longQuery(1_000); // ~21 KB
        given().header("X-Scope-OrgID", t).queryParam("query", q).queryParam("since", "5m")
                .get("/loki/api/v1/query_range").then().statusCode(200).body("data.result[0].values[0][1]",
                        equalTo("hello"));
        given().header("X-Scope-OrgID", t).formParam("query", q).formParam("since", "5m")
                .post("/loki/api/v1/query_range").then().statusCode(200).body("data.result[0].values[0][1]",
                        equalTo("hello"));
        given().header("X-Scope-OrgID", t).queryParam("query", "count_over_time(" + q + " [1m])")
                .get("/loki/api/v1/query").then().statusCode(200);
    }

    @Test
    void queriesOverTheParserLimitAre400() {
        String t = tenant("long");
        String q = longQuery(7_000); // ~147 KB
        String text = "parse error : input size too long (" + q.length() + " > 131072)\n";
        given().header("X-Scope-OrgID", t).queryParam("query", q).get("/loki/api/v1/query_range").then()
                .statusCode(400).body(equalTo(text));
        given().header("X-Scope-OrgID", t).formParam("query", q).post("/loki/api/v1/query_range").then()
                .statusCode(400).body(equalTo(text));
        String huge = "{app=\"long\"} |= \"" + "x".repeat(1_000_000) + "\"";
        given().header("X-Scope-OrgID", t).formParam("query", huge).post("/loki/api/v1/query_range").then()
                .statusCode(400).body(equalTo("parse error : input size too long (" + huge.length() + " > 131072)\n"));
        // the server is fine afterwards
        given().header("X-Scope-OrgID", t).queryParam("query", "{app=\"long\"}").get("/loki/api/v1/query_range")
                .then().statusCode(200);
    }
}
