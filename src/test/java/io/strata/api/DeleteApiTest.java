package io.strata.api;

import static io.restassured.RestAssured.given;
import static io.strata.api.PushBodies.json;
import static io.strata.api.PushBodies.nowNanos;
import static io.strata.api.PushBodies.value;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Loki's delete API (texts, codes, JSON, list, cancel), query-time filtering and retention over HTTP. */
@QuarkusTest
@TestProfile(DeleteApiTest.Profile.class)
class DeleteApiTest {
    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("strata.compactor.retention-enabled", "true",
                    "strata.compactor.compaction-interval", "24h",
                    "strata.limits.retention-period", "30d",
                    "strata.limits.reject-old-samples", "false",
                    "strata.limits.max-query-length", "0");
        }
    }

    @Inject
    CompactorLifecycle compactor;

    private static String body(Response r) {
        return r.getBody().asString();
    }

    private static List<String> lines(String tenant, String query, long startNanos) {
        return given().header("X-Scope-OrgID", tenant).queryParam("query", query).queryParam("start", startNanos)
                .queryParam("direction", "forward").queryParam("limit", 1000)
                .get("/loki/api/v1/query_range").then().statusCode(200).extract().path("data.result[0].values.collect { it[1] }");
    }

    @Test
    void requestsAreCheckedListedFilteredAndCancelledAsInLoki() {
        long now = nowNanos();
        long t = now - Duration.ofMinutes(30).toNanos();
        given().header("X-Scope-OrgID", "del").contentType("application/json")
                .body(json("{\"job\":\"d\"}", value(t, "user=a ok"), value(t + 1, "user=b password=x"),
                        value(t + 2, "user=c ok")))
                .post("/loki/api/v1/push").then().statusCode(204);
        long start = now / 1_000_000_000 - 3600;

        Response r = given().header("X-Scope-OrgID", "del").post("/loki/api/v1/delete");
        assertEquals(400, r.statusCode());
        assertEquals("query not set\n", body(r));
        r = given().header("X-Scope-OrgID", "del").queryParam("query", "{job=\"d\"}").post("/loki/api/v1/delete");
        assertEquals("start time not set\n", body(r));
        r = given().header("X-Scope-OrgID", "del").queryParam("query", "{job=\"d\"}").queryParam("start", start)
                .queryParam("end", start + 7200).post("/loki/api/v1/delete");
        assertEquals(400, r.statusCode());
        assertEquals("deletes in the future are not allowed\n", body(r));

        r = given().header("X-Scope-OrgID", "del").queryParam("query", "{job=\"d\"} |= \"password\"")
                .queryParam("start", start).post("/loki/api/v1/delete");
        assertEquals(204, r.statusCode(), body(r));
        String id = r.header("X-Delete-Request-ID");
        assertTrue(id.matches("[0-9a-f]{8}"), id);

        String list = given().header("X-Scope-OrgID", "del").get("/loki/api/v1/delete").then().statusCode(200)
                .contentType("application/json").body("$", hasSize(1)).body("[0].request_id", equalTo(id))
                .body("[0].query", equalTo("{job=\"d\"} |= \"password\"")).body("[0].status", equalTo("received"))
                .body("[0].start_time", equalTo((int) start)).body("[0].user_id", equalTo(""))
                .extract().asString();
        assertTrue(list.matches("\\[\\{\"request_id\":\"" + id + "\",\"start_time\":" + start
                + ",\"end_time\":[0-9.]+,\"query\":\"\\{job=\\\\\"d\\\\\"} \\|= \\\\\"password\\\\\"\",\"status\":\"received\","
                + "\"created_at\":[0-9.]+,\"user_id\":\"\"}]\n"), list);
        given().header("X-Scope-OrgID", "other").get("/loki/api/v1/delete").then().statusCode(200)
                .body(equalTo("[]\n"));

        assertEquals(List.of("user=a ok", "user=c ok"), lines("del", "{job=\"d\"}", t - 1),
                "queries drop lines of received requests");

        r = given().header("X-Scope-OrgID", "del").queryParam("request_id", "00000000").delete("/loki/api/v1/delete");
        assertEquals(404, r.statusCode());
        assertEquals("could not find delete request with given id\n", body(r));
        given().header("X-Scope-OrgID", "del").queryParam("request_id", id).delete("/loki/api/v1/delete")
                .then().statusCode(204);
        given().header("X-Scope-OrgID", "del").get("/loki/api/v1/delete").then().statusCode(200).body(equalTo("[]\n"));
        assertEquals(List.of("user=a ok", "user=b password=x", "user=c ok"), lines("del", "{job=\"d\"}", t - 1),
                "a cancelled request filters nothing");

        given().header("X-Scope-OrgID", "del").queryParam("query", "{job=\"d\"}").queryParam("start", start)
                .put("/loki/api/v1/delete").then().statusCode(204).header("X-Delete-Request-ID", matchesPattern("[0-9a-f]{8}"));
        assertEquals(null, lines("del", "{job=\"d\"}", t - 1), "every line of the stream is deleted");
    }

    @Test
    void retentionRemovesExpiredChunksFromQueries() {
        long now = nowNanos();
        long old = now - Duration.ofDays(40).toNanos();
        given().header("X-Scope-OrgID", "ret").contentType("application/json")
                .body(json("{\"job\":\"r\"}", value(old, "forty days old")))
                .post("/loki/api/v1/push").then().statusCode(204);
        given().post("/flush").then().statusCode(204); // its own chunk: retention drops whole chunks only
        given().header("X-Scope-OrgID", "ret").contentType("application/json")
                .body(json("{\"job\":\"r\"}", value(now - 1_000_000_000L, "fresh")))
                .post("/loki/api/v1/push").then().statusCode(204);
        given().post("/flush").then().statusCode(204);
        long from = now - Duration.ofDays(50).toNanos();
        assertEquals(List.of("forty days old", "fresh"), lines("ret", "{job=\"r\"}", from));
        compactor.runNow();
        assertEquals(List.of("fresh"), lines("ret", "{job=\"r\"}", from));
    }
}
