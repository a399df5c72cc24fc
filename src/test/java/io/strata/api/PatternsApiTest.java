package io.strata.api;

import static io.restassured.RestAssured.given;
import static io.strata.api.PushApiTest.pushJson;
import static io.strata.api.PushApiTest.tenant;
import static io.strata.api.PushBodies.json;
import static io.strata.api.PushBodies.nowNanos;
import static io.strata.api.PushBodies.value;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code /loki/api/v1/patterns} with the pattern miner switched on (Drilldown's Patterns tab, API.md §6.10). */
@QuarkusTest
@TestProfile(PatternsApiTest.Enabled.class)
class PatternsApiTest {
    public static final class Enabled implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("pattern-ingester.enabled", "true");
        }
    }

    @Test
    void minedPatternsWithLevelAndSecondsSamples() {
        String t = tenant("patterns");
        long base = (nowNanos() / 60_000_000_000L - 2) * 60_000_000_000L;
        pushJson(t, json("{\"service_name\":\"web\"}",
                value(base + 1_000_000_000L, "level=info msg=done user=ann"),
                value(base + 2_000_000_000L, "level=info msg=done user=bob"),
                value(base + 31_000_000_000L, "level=info msg=done user=cid"))).statusCode(204);
        given().header("X-Scope-OrgID", t).header("X-Query-Tags", "Source=grafana-lokiexplore-app")
                .queryParam("query", "{service_name=\"web\"}").queryParam("step", "30s")
                .queryParam("start", Long.toString(base)).queryParam("end", Long.toString(base + 60_000_000_000L))
                .get("/loki/api/v1/patterns").then().statusCode(200)
                .body("status", equalTo("success"))
                .body("data", hasSize(1))
                .body("data[0].pattern", equalTo("level=info msg=done user=<_>"))
                .body("data[0].level", equalTo("info"))
                .body("data[0].samples", contains(contains((int) (base / 1_000_000_000L), 2),
                        contains((int) (base / 1_000_000_000L) + 30, 1)));
        given().header("X-Scope-OrgID", t).get("/loki/api/v1/drilldown-limits").then()
                .body("pattern_ingester_enabled", equalTo(true));
    }
}
