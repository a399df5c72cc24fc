package io.strata.api;

import static io.restassured.RestAssured.given;
import static io.strata.api.PushApiTest.pushJson;
import static io.strata.api.PushApiTest.tenant;
import static io.strata.api.PushBodies.json;
import static io.strata.api.PushBodies.nowNanos;
import static io.strata.api.PushBodies.value;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** Rules posted through the API are evaluated by the scheduler against the real engine and storage. */
@QuarkusTest
class RulerEvaluationTest {
    @Test
    void postedRulesAreEvaluatedOverStoredLogs() throws Exception {
        String t = tenant("eval");
        long now = nowNanos();
        pushJson(t, json("{\"job\":\"evaltest\",\"app\":\"web\"}", value(now - 2_000_000_000L, "boom one"),
                value(now - 1_000_000_000L, "boom two"), value(now, "fine"))).statusCode(204);
        String group = """
                name: evalgroup
                interval: 1s
                rules:
                  - alert: EvalBoom
                    expr: sum by (app) (count_over_time({job="evaltest"} |= "boom" [5m])) > 0
                    labels:
                      severity: page
                    annotations:
                      summary: '{{ $labels.app }} logged {{ $value }} booms'
                  - record: evaltest:lines:count5m
                    expr: sum by (app) (count_over_time({job="evaltest"}[5m]))
                  - record: evaltest:constant
                    expr: vector(1) + vector(1)
                  - alert: EvalLogQuery
                    expr: '{job="evaltest"} |= "boom"'
                """;
        given().header("X-Scope-OrgID", t).body(group.getBytes(StandardCharsets.UTF_8))
                .post("/api/prom/rules/evalns").then().statusCode(202);

        String alerts = await(t, "/prometheus/api/v1/alerts", b -> b.contains("\"state\":\"firing\""));
        assertTrue(alerts.contains("\"alertname\":\"EvalBoom\"") && alerts.contains("\"app\":\"web\"")
                && alerts.contains("\"severity\":\"page\"") && alerts.contains("\"summary\":\"web logged 2 booms\"")
                && alerts.contains("\"value\":\"2e+00\""), alerts);

        String rules = await(t, "/prometheus/api/v1/rules", b -> b.contains("\"health\":\"err\""));
        assertTrue(rules.contains("\"name\":\"evaltest:lines:count5m\"") && rules.contains("\"file\":\"evalns\""), rules);
        // the log query fails at evaluation with the engine's text; the other rules stay healthy
        assertTrue(rules.contains("\"lastError\":\"log queries are not supported as an instant query type"), rules);
        assertTrue(rules.split("\"health\":\"ok\"", -1).length - 1 == 3, rules);
    }

    private static String await(String tenant, String path, Predicate<String> done) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        String body = "";
        while (System.nanoTime() < deadline) {
            body = given().header("X-Scope-OrgID", tenant).get(path).then().statusCode(200).extract().asString();
            if (done.test(body)) {
                return body;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("never reached the expected state; last answer: " + body);
    }
}
