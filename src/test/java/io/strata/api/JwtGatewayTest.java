package io.strata.api;

import static io.restassured.RestAssured.given;
import static io.strata.api.GatewayKeys.claims;
import static io.strata.api.GatewayKeys.es256;
import static io.strata.api.GatewayKeys.rs256;
import static io.strata.api.PushBodies.json;
import static io.strata.api.PushBodies.nowNanos;
import static io.strata.api.PushBodies.value;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.specification.RequestSpecification;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code STRATA_AUTH_MODE=jwt} through HTTP: per scope the allowed and the refused case, tenant
 * injection and validation, multi-tenant reads only for tenants held, and forged tokens.
 */
@QuarkusTest
@TestProfile(JwtGatewayTest.Profile.class)
class JwtGatewayTest {
    static final String ISSUER = "https://idp.example.test";

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("strata.auth-mode", "jwt",
                    "mp.jwt.verify.publickey", GatewayKeys.JWKS,
                    "mp.jwt.verify.issuer", ISSUER,
                    "strata.multi-tenant-queries-enabled", "true");
        }
    }

    private static String token(Object tenant, String scope) {
        return rs256(claims(tenant, scope).issuer(ISSUER));
    }

    private static RequestSpecification as(String token) {
        return given().header("Authorization", "Bearer " + token);
    }

    private static RequestSpecification probe(String token) {
        return as(token).header(TenancyProbe.HEADER, "1");
    }

    private static String push(String app) {
        return json("{\"app\":\"" + app + "\"}", value(nowNanos(), "hello " + app));
    }

    @Test
    void noCredentialsSaysWhatToSend() {
        given().get("/loki/api/v1/labels").then().statusCode(401)
                .header("WWW-Authenticate", containsString("Bearer"))
                .body(equalTo("no credentials: send an Authorization: Bearer <JWT> header\n"));
        given().header("X-Scope-OrgID", "team-a").get("/loki/api/v1/labels").then().statusCode(401);
        given().contentType("application/json").body(push("x")).post("/loki/api/v1/push").then().statusCode(401);
    }

    @Test
    void tenantIsInjectedFromTheToken() {
        String writer = token("jwt-a", "logs:write");
        as(writer).contentType("application/json").body(push("injected")).post("/loki/api/v1/push")
                .then().statusCode(204);
        String reader = es256(claims("jwt-a", "logs:read").issuer(ISSUER));
        as(reader).get("/loki/api/v1/labels").then().statusCode(200).body("data", hasItem("app"));
        as(reader).get("/loki/api/v1/label/app/values").then().statusCode(200).body("data", hasItem("injected"));
        probe(reader).queryParam("query", "{app=\"injected\"}").get("/loki/api/v1/query_range").then()
                .statusCode(200).body("tenants", equalTo(List.of("jwt-a"))).body("orgId", equalTo("jwt-a"))
                .body("streams", equalTo(List.of("{app=\"injected\", detected_level=\"unknown\", service_name=\"injected\"}")));
        // another tenant's token sees nothing of jwt-a
        probe(token("jwt-b", "logs:read")).queryParam("query", "{app=\"injected\"}").get("/loki/api/v1/query_range")
                .then().statusCode(200).body("tenants", equalTo(List.of("jwt-b"))).body("streams", equalTo(List.of()));
    }

    @Test
    void everyRouteChecksItsScope() {
        String readOnly = token("team-a", "logs:read rules:read");
        as(readOnly).contentType("application/json").body(push("ro")).post("/loki/api/v1/push").then().statusCode(403)
                .body(equalTo("access denied: 'svc-1' lacks the scope logs:write needed for POST /loki/api/v1/push\n"));
        as(readOnly).contentType("application/json").body(push("ro")).post("/api/prom/push").then().statusCode(403);
        as(readOnly).queryParam("query", "{app=\"x\"}").delete("/loki/api/v1/delete").then().statusCode(403)
                .body(containsString("logs:delete"));
        as(readOnly).contentType("application/yaml").body("name: g\nrules: []\n".getBytes()).post("/loki/api/v1/rules/ns")
                .then().statusCode(403).body(containsString("rules:write"));
        as(readOnly).get("/loki/api/v1/labels").then().statusCode(200);

        String writeOnly = token("team-a", "logs:write");
        as(writeOnly).contentType("application/json").body(push("wo")).post("/loki/api/v1/push").then().statusCode(204);
        for (String path : List.of("/loki/api/v1/labels", "/loki/api/v1/query_range",
                "/loki/api/v1/series", "/loki/api/v1/label/app/values", "/api/prom/label", "/loki/api/v1/tail",
                "/loki/api/v1/index/volume", "/loki/api/v1/detected_labels", "/loki/api/v1/patterns")) {
            as(writeOnly).get(path).then().statusCode(403).body(containsString("lacks the scope logs:read"));
        }
        as(writeOnly).get("/loki/api/v1/rules").then().statusCode(403).body(containsString("rules:read"));
        as(writeOnly).get("/prometheus/api/v1/alerts").then().statusCode(403);

        // unknown scope names are ignored, not widened into anything
        as(token("team-a", "logs:* admin")).get("/loki/api/v1/labels").then().statusCode(403);
        // public routes need no token
        given().get("/ready").then().statusCode(200);
        given().get("/loki/api/v1/status/buildinfo").then().statusCode(200);
    }

    @Test
    void orgIdHeaderIsValidatedAgainstTheToken() {
        String t = token(List.of("team-a", "team-b"), "logs:read logs:write");
        probe(t).header("X-Scope-OrgID", "team-b").get("/loki/api/v1/labels").then().statusCode(200)
                .body("tenants", equalTo(List.of("team-b")));
        as(t).header("X-Scope-OrgID", "team-c").get("/loki/api/v1/labels").then().statusCode(403)
                .body(equalTo("access denied: 'svc-1' may not use tenant 'team-c'\n"));
        as(t).get("/loki/api/v1/labels").then().statusCode(401).body(containsString("holds several tenants"));
        // multi-tenant reads: only tenants held, never on push or tail
        probe(t).header("X-Scope-OrgID", "team-b|team-a").get("/loki/api/v1/labels").then().statusCode(200)
                .body("tenants", equalTo(List.of("team-a", "team-b"))).body("orgId", equalTo("team-a|team-b"));
        as(token("team-a", "logs:read")).header("X-Scope-OrgID", "team-a|team-b").get("/loki/api/v1/labels")
                .then().statusCode(403).body(containsString("'team-b'"));
        as(t).header("X-Scope-OrgID", "team-a|team-b").contentType("application/json").body(push("m"))
                .post("/loki/api/v1/push").then().statusCode(400).body(equalTo("multiple org IDs present\n"));
        as(t).header("X-Scope-OrgID", "team-a|team-b").queryParam("query", "{app=\"m\"}").get("/loki/api/v1/tail").then()
                .statusCode(400).body(equalTo("multiple org IDs present\n"));
        // ids that would escape a path
        as(t).header("X-Scope-OrgID", "..").get("/loki/api/v1/labels").then().statusCode(400)
                .body(equalTo("tenant ID is '.' or '..'\n"));
        as(t).header("X-Scope-OrgID", "team-a/../team-b").get("/loki/api/v1/labels").then().statusCode(400)
                .body(equalTo("tenant ID 'team-a/../team-b' contains unsupported character '/'\n"));
    }

    @Test
    void spoofedPolicyAndTenantHeadersAreNotPassedOn() {
        String lbac = rs256(claims("team-a", "logs:read").issuer(ISSUER).claim("lbac", List.of("{app=\"web\"}")));
        probe(lbac).header("X-Prom-Label-Policy", "team-a:%7Bapp=~%22.%2B%22%7D").get("/loki/api/v1/labels").then()
                .statusCode(200).body("labelPolicy", nullValue()).body("orgId", equalTo("team-a"))
                .body("filtered", equalTo(List.of("team-a")));
        probe(token("team-a", "logs:read")).header("X-Prom-Label-Policy", "team-a:%7Bapp=%22web%22%7D")
                .get("/loki/api/v1/labels").then().statusCode(200).body("labelPolicy", nullValue())
                .body("filtered", equalTo(List.of()));
    }

    @Test
    void lbacClaimLimitsWhatIsRead() {
        String writer = token("lbac-t", "logs:write");
        for (String app : List.of("web", "db")) {
            as(writer).contentType("application/json").body(push(app)).post("/loki/api/v1/push").then().statusCode(204);
        }
        String web = rs256(claims("lbac-t", "logs:read").issuer(ISSUER).claim("lbac", List.of("{app=\"web\"}")));
        probe(web).queryParam("query", "{app=~\"web|db\"}").get("/loki/api/v1/query_range").then().statusCode(200)
                .body("streams", equalTo(List.of("{app=\"web\", detected_level=\"unknown\", service_name=\"web\"}")));
        String none = rs256(claims("lbac-t", "logs:read").issuer(ISSUER).claim("lbac", List.of()));
        probe(none).queryParam("query", "{app=~\"web|db\"}").get("/loki/api/v1/query_range").then().statusCode(200)
                .body("streams", equalTo(List.of()));
        String broken = rs256(claims("lbac-t", "logs:read").issuer(ISSUER).claim("lbac", List.of("{app=")));
        as(broken).get("/loki/api/v1/labels").then().statusCode(401).body(containsString("invalid token"));
    }

    @Test
    void forgedTokensAreRefused() {
        String good = token("team-a", "logs:read logs:write");
        JwtClaimsBuilder expired = claims("team-a", "logs:read").issuer(ISSUER)
                .issuedAt(Instant.now().minusSeconds(7200)).expiresAt(Instant.now().minusSeconds(3600));
        Map<String, String> cases = Map.of(
                "expired", rs256(expired),
                "wrong key", GatewayKeys.attacker(claims("team-a", "logs:read").issuer(ISSUER)),
                "alg none", GatewayKeys.unsigned("team-a"),
                "hmac with public key", GatewayKeys.hmacWithPublicKey("team-a"),
                "tampered", GatewayKeys.tampered(good, "team-b"),
                "wrong issuer", rs256(claims("team-a", "logs:read").issuer("https://evil.test")),
                "no issuer", rs256(claims("team-a", "logs:read")),
                "bad tenant", token("../etc", "logs:read"),
                "garbage", "not.a.jwt");
        cases.forEach((name, t) -> as(t).header("X-Scope-OrgID", "team-b").get("/loki/api/v1/labels").then()
                .statusCode(401).body(containsString("invalid token")));
        as(rs256(expired)).get("/loki/api/v1/labels").then().statusCode(401)
                .body(equalTo("invalid token: token expired\n"));
        // a forged token never falls back to the header
        as(GatewayKeys.unsigned("team-a")).header("X-Scope-OrgID", "team-a").contentType("application/json")
                .body(push("forged")).post("/loki/api/v1/push").then().statusCode(401);
    }

    @Test
    void malformedAndHugeCredentialsAreClear4xx() {
        given().header("Authorization", "Bearer").get("/loki/api/v1/labels").then().statusCode(400)
                .body(containsString("malformed Authorization header"));
        given().header("Authorization", "Bearer " + "a".repeat(12_000)).get("/loki/api/v1/labels").then()
                .statusCode(401);
        String status = rawStatusLine("GET /loki/api/v1/labels HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                + "a".repeat(1 << 20) + "\r\n\r\n");
        org.junit.jupiter.api.Assertions.assertTrue(status.matches("HTTP/1.1 4\\d\\d .*"), status);
        given().header("Authorization", "Basic dXNlcjpwdw==").get("/loki/api/v1/labels").then().statusCode(401)
                .body(containsString("unsupported Authorization scheme"));
    }

    /** Sends bytes as they are and returns the status line (the server may stop reading early). */
    private static String rawStatusLine(String request) {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", io.restassured.RestAssured.port)) {
            socket.setSoTimeout(10_000);
            try {
                socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
                socket.getOutputStream().flush();
            } catch (java.io.IOException e) {
                // the server answered and closed before reading everything: read what it sent
            }
            var in = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    java.nio.charset.StandardCharsets.ISO_8859_1));
            String line = in.readLine();
            return line == null ? "<closed without answer>" : line;
        } catch (java.io.IOException e) {
            return "<" + e + ">";
        }
    }
}
