package io.strata.api;

import static io.restassured.RestAssured.given;
import static io.strata.api.PushBodies.json;
import static io.strata.api.PushBodies.nowNanos;
import static io.strata.api.PushBodies.value;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code auth-mode none} and the limits a Loki user turns off: tenant {@code fake}, no enrichment, higher rate. */
@QuarkusTest
@TestProfile(NoAuthApiTest.Profile.class)
class NoAuthApiTest {
    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("strata.auth-mode", "none",
                    "strata.limits.discover-service-name", "none",
                    "strata.limits.discover-log-levels", "false",
                    "strata.limits.ingestion-rate-mb", "1024",
                    "strata.limits.max-line-size", "0");
        }
    }

    @Test
    void everythingBelongsToFakeAndIsStoredAsSent() {
        long now = nowNanos();
        String line = "error " + "x".repeat(300_000);
        given().contentType("application/json").body(json("{\"job\":\"plain\"}", value(now, line)))
                .post("/loki/api/v1/push").then().statusCode(204);
        given().header("X-Scope-OrgID", "ignored").get("/loki/api/v1/labels").then().statusCode(200)
                .body("data", contains("job"));
        given().header("X-Loki-Response-Encoding-Flags", "categorize-labels").queryParam("query", "{job=\"plain\"}")
                .get("/loki/api/v1/query_range").then().statusCode(200)
                .body("data.result[0].stream", equalTo(Map.of("job", "plain")))
                .body("data.result[0].values[0][2]", equalTo(Map.of()))
                .body("data.result[0].values[0][1].length()", equalTo(line.length()));
    }
}
