package io.strata.api;

import static io.restassured.RestAssured.given;
import static io.strata.api.GatewayKeys.basic;
import static io.strata.api.PushBodies.json;
import static io.strata.api.PushBodies.nowNanos;
import static io.strata.api.PushBodies.value;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import at.favre.lib.crypto.bcrypt.BCrypt;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.Test;

/**
 * {@code STRATA_AUTH_MODE=basic} with users from a {@code tenants/} directory re-read every 200 ms:
 * scopes, injection, LBAC, per-tenant limits, and changes taking effect without a restart.
 */
@QuarkusTest
@TestProfile(BasicGatewayTest.Profile.class)
class BasicGatewayTest {
    static final Path DIR = Path.of("target", "gateway-test-tenants");

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                Files.createDirectories(DIR);
                try (var files = Files.list(DIR)) {
                    for (Path p : files.toList()) {
                        Files.delete(p);
                    }
                }
                Files.writeString(DIR.resolve("team-a.yaml"), "limits:\n  max_line_size: 1KB\nusers:\n"
                        + user("reader", "logs:read", "['{app=\"web\"}']")
                        + user("pusher", "logs:write", null)
                        + user("admin", "logs:read, logs:write, logs:delete, rules:read, rules:write", null));
                Files.writeString(DIR.resolve("team-b.yaml"), "users:\n" + user("bob", "logs:read, logs:write", null));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return Map.of("strata.auth-mode", "basic", "strata.tenants-dir", DIR.toString(),
                    "strata.tenants-reload-interval", "200ms");
        }
    }

    static String user(String name, String scopes, String lbac) {
        String hash = new String(BCrypt.withDefaults().hash(4, (name + "-pw").toCharArray()), StandardCharsets.US_ASCII);
        return "  - username: " + name + "\n    password: '" + hash + "'\n    scopes: [" + scopes + "]\n"
                + (lbac == null ? "" : "    lbac: " + lbac + "\n");
    }

    private static RequestSpecification as(String name) {
        return given().header("Authorization", basic(name, name + "-pw"));
    }

    private static String push(String app, String line) {
        return json("{\"app\":\"" + app + "\"}", value(nowNanos(), line));
    }

    /** Polls for up to 10 s (the reload promise) until the status is the expected one. */
    private static void eventually(int expected, IntSupplier status) throws InterruptedException {
        int last = -1;
        for (int i = 0; i < 100; i++) {
            last = status.getAsInt();
            if (last == expected) {
                return;
            }
            Thread.sleep(100);
        }
        org.junit.jupiter.api.Assertions.assertEquals(expected, last);
    }

    @Test
    void missingOrWrongCredentialsGet401WithAChallenge() {
        given().get("/loki/api/v1/labels").then().statusCode(401)
                .header("WWW-Authenticate", startsWith("Basic realm="))
                .body(equalTo("no credentials: send basic auth (user and password of a user in tenants/<tenant>.yaml)\n"));
        given().header("Authorization", basic("reader", "wrong")).get("/loki/api/v1/labels").then().statusCode(401)
                .body(equalTo("invalid credentials: unknown user or wrong password\n"));
        given().header("Authorization", basic("nobody", "x")).get("/loki/api/v1/labels").then().statusCode(401)
                .body(equalTo("invalid credentials: unknown user or wrong password\n"));
        given().header("Authorization", "Basic %%%").get("/loki/api/v1/labels").then().statusCode(400)
                .body(startsWith("malformed Authorization header"));
        // the header is never trusted in basic mode
        given().header("X-Scope-OrgID", "team-a").get("/loki/api/v1/labels").then().statusCode(401);
    }

    @Test
    void scopesAndTenantsOfTheUser() {
        as("pusher").contentType("application/json").body(push("web", "w")).post("/loki/api/v1/push")
                .then().statusCode(204);
        as("pusher").contentType("application/json").body(push("db", "d")).post("/loki/api/v1/push")
                .then().statusCode(204);
        as("pusher").get("/loki/api/v1/labels").then().statusCode(403)
                .body(equalTo("access denied: 'pusher' lacks the scope logs:read needed for GET /loki/api/v1/labels\n"));
        as("reader").contentType("application/json").body(push("web", "r")).post("/loki/api/v1/push")
                .then().statusCode(403);
        as("admin").get("/loki/api/v1/label/app/values").then().statusCode(200).body("data", equalTo(List.of("db", "web")));
        as("admin").header("X-Scope-OrgID", "team-a").get("/loki/api/v1/labels").then().statusCode(200);
        as("admin").header("X-Scope-OrgID", "team-b").get("/loki/api/v1/labels").then().statusCode(403)
                .body(equalTo("access denied: 'admin' may not use tenant 'team-b'\n"));
        as("bob").header(TenancyProbe.HEADER, "1").queryParam("query", "{app=~\".+\"}").get("/loki/api/v1/query_range")
                .then().statusCode(200).body("tenants", equalTo(List.of("team-b"))).body("streams", equalTo(List.of()));
        // multi-tenant reads are off by default (as in Loki)
        as("admin").header("X-Scope-OrgID", "team-a|team-b").get("/loki/api/v1/labels").then().statusCode(400)
                .body(equalTo("multiple org IDs present\n"));
    }

    @Test
    void largeBodiesArriveWholeAfterTheWorkerPoolAuthenticates() {
        long t = nowNanos();
        StringBuilder values = new StringBuilder();
        for (int i = 0; i < 6000; i++) {
            values.append(i == 0 ? "" : ",").append(value(t + i, "line " + i + " " + "y".repeat(500)));
        }
        String body = "{\"streams\":[{\"stream\":{\"app\":\"big\"},\"values\":[" + values + "]}]}";
        as("pusher").contentType("application/json").body(body).post("/loki/api/v1/push").then().statusCode(204);
        as("admin").header(TenancyProbe.HEADER, "1").queryParam("query", "{app=\"big\"} |= \"line 5999 \"")
                .get("/loki/api/v1/query_range").then().statusCode(200).body("streams.size()", equalTo(1));
    }

    @Test
    void discardedDataIsCountedForTheTenantWithItsOverriddenLimit() {
        as("pusher").contentType("application/json").body(push("discard", "z".repeat(1500))).post("/loki/api/v1/push")
                .then().statusCode(400);
        given().get("/metrics").then().statusCode(200).body(containsString(
                "loki_discarded_samples_total{reason=\"line_too_long\",tenant=\"team-a\",}"));
    }

    @Test
    void lbacUserReadsOnlyItsStreams() {
        for (String app : List.of("web", "db")) {
            as("pusher").contentType("application/json").body(push(app, "lbac")).post("/loki/api/v1/push")
                    .then().statusCode(204);
        }
        as("reader").header(TenancyProbe.HEADER, "1").queryParam("query", "{app=~\"web|db\"}")
                .get("/loki/api/v1/query_range").then().statusCode(200).body("filtered", equalTo(List.of("team-a")))
                .body("streams", equalTo(List.of("{app=\"web\", detected_level=\"unknown\", service_name=\"web\"}")));
        as("admin").header(TenancyProbe.HEADER, "1").queryParam("query", "{app=~\"web|db\"}")
                .get("/loki/api/v1/query_range").then().statusCode(200).body("filtered", equalTo(List.of()))
                .body("streams.size()", equalTo(2));
    }

    @Test
    void lbacAppliesOnTheRealReadRoutes() {
        for (String app : List.of("web", "db")) {
            as("pusher").contentType("application/json").body(push(app, "real-" + app)).post("/loki/api/v1/push")
                    .then().statusCode(204);
        }
        // the restricted reader sees only app="web" through the real handlers, whatever the query asks
        as("reader").queryParam("query", "{app=~\"web|db\"} |= \"real-\"").queryParam("since", "1h")
                .get("/loki/api/v1/query_range").then().statusCode(200)
                .body("data.result.stream.app", equalTo(List.of("web")));
        as("reader").queryParam("query", "sum by (app) (count_over_time({app=~\".+\"} |= \"real-\" [1h]))")
                .get("/loki/api/v1/query").then().statusCode(200)
                .body("data.result.metric.app", equalTo(List.of("web")));
        as("reader").get("/loki/api/v1/label/app/values").then().statusCode(200)
                .body("data", equalTo(List.of("web")));
        as("reader").queryParam("match[]", "{app=\"db\"}").get("/loki/api/v1/series").then().statusCode(200)
                .body("data", equalTo(List.of()));
        // the unrestricted admin of the same tenant sees both
        as("admin").get("/loki/api/v1/label/app/values").then().statusCode(200)
                .body("data", org.hamcrest.Matchers.hasItems("web", "db"));
    }

    @Test
    void routesWithoutAScopeRuleAreClosedToScopedUsers() {
        as("reader").header(TenancyProbe.HEADER, "1").get("/strata-test/unlisted").then().statusCode(403)
                .body(containsString("the route has no scope rule"));
        given().header(TenancyProbe.HEADER, "1").get("/strata-test/unlisted").then().statusCode(401);
    }

    @Test
    void tenantFilesApplyWithoutRestart() throws Exception {
        String longLine = "x".repeat(2048);
        as("pusher").contentType("application/json").body(push("limits", longLine)).post("/loki/api/v1/push")
                .then().statusCode(400).body(containsString("max entry size '1024' bytes exceeded"));
        // a new tenant and user appear
        Files.writeString(DIR.resolve("team-c.yaml"), "limits:\n  max_line_size: 4KB\nusers:\n"
                + user("carol", "logs:write", null));
        eventually(204, () -> as("carol").contentType("application/json").body(push("limits", longLine))
                .post("/loki/api/v1/push").then().extract().statusCode());
        // the limit changes
        Files.writeString(DIR.resolve("team-c.yaml"), "limits:\n  max_line_size: 1KB\nusers:\n"
                + user("carol", "logs:write", null));
        eventually(400, () -> as("carol").contentType("application/json").body(push("limits", longLine))
                .post("/loki/api/v1/push").then().extract().statusCode());
        // an invalid file keeps the previous version (user and limit)
        Files.writeString(DIR.resolve("team-c.yaml"), "limits:\n  max_line_size: 64KB\n  no_such_limit: 1\nusers:\n"
                + user("carol", "logs:write", null));
        Thread.sleep(1000);
        as("carol").contentType("application/json").body(push("limits", longLine)).post("/loki/api/v1/push")
                .then().statusCode(400);
        // deleting the file removes the user
        Files.delete(DIR.resolve("team-c.yaml"));
        eventually(401, () -> as("carol").get("/loki/api/v1/labels").then().extract().statusCode());
    }
}
