package io.strata.tenant.auth;

import static io.strata.tenant.auth.TestTokens.bearer;
import static io.strata.tenant.auth.TestTokens.claims;
import static io.strata.tenant.auth.TestTokens.es256;
import static io.strata.tenant.auth.TestTokens.pem;
import static io.strata.tenant.auth.TestTokens.rs256;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.strata.model.ErrorCategory;
import io.strata.model.Labels;
import io.strata.model.StrataException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

class JwtAuthenticatorTest {
    static final JwtAuthenticator RSA_PEM = new JwtAuthenticator(JwtOptions.withPublicKey(pem(TestTokens.RSA.getPublic())));

    static StrataException refused(ErrorCategory category, Executable call) {
        StrataException e = assertThrows(StrataException.class, call);
        assertEquals(category, e.category(), e.getMessage());
        return e;
    }

    @Test
    void rs256WithPemKeyGivesTenantsScopesAndLbac() {
        String token = rs256(claims(List.of("tenant-a", "tenant-b"), "logs:read rules:read metrics:read")
                .claim("lbac", List.of("{namespace=\"prod\"}")));
        Identity id = RSA_PEM.authenticate(bearer(token));
        assertEquals("user-1", id.principal());
        assertEquals(AuthMethod.JWT, id.method());
        assertEquals(Set.of("tenant-a", "tenant-b"), id.tenants());
        assertEquals(Set.of(Scope.LOGS_READ, Scope.RULES_READ), id.scopes());
        assertTrue(id.policy("tenant-a").allows(Labels.of("namespace", "prod")));
        assertFalse(id.policy("tenant-b").allows(Labels.of("namespace", "dev")));
        assertFalse(id.holds("tenant-c"));
    }

    @Test
    void es256WithPemKeyAndStringTenantAndListScopes() {
        JwtAuthenticator a = new JwtAuthenticator(JwtOptions.withPublicKey(pem(TestTokens.EC.getPublic())));
        Identity id = a.authenticate(bearer(es256(claims("tenant-a", null).claim("scope", List.of("logs:write")))));
        assertEquals(Set.of("tenant-a"), id.tenants());
        assertEquals(Set.of(Scope.LOGS_WRITE), id.scopes());
        assertTrue(id.policy("tenant-a").unrestricted());
        // an RSA-signed token cannot be checked against an EC key: refused before any crypto
        StrataException e = refused(ErrorCategory.UNAUTHENTICATED, () -> a.authenticate(bearer(rs256(claims("tenant-a", "")))));
        assertTrue(e.getMessage().contains("algorithm 'RS256' is not allowed"), e.getMessage());
    }

    @Test
    void jwksFileVerifiesBothAlgorithms(@TempDir Path dir) throws Exception {
        Path jwks = Files.writeString(dir.resolve("jwks.json"), TestTokens.jwks());
        JwtAuthenticator a = new JwtAuthenticator(JwtOptions.withKeyLocation(jwks.toString()));
        assertEquals(Set.of("a"), a.authenticate(bearer(rs256(claims("a", "logs:read")))).tenants());
        assertEquals(Set.of("b"), a.authenticate(bearer(es256(claims("b", "logs:read")))).tenants());
        JwtAuthenticator viaUri = new JwtAuthenticator(JwtOptions.withKeyLocation(jwks.toUri().toString()));
        assertEquals(Set.of("a"), viaUri.authenticate(bearer(rs256(claims("a", "logs:read")))).tenants());
        String unknownKid = claims("a", "").jws().algorithm(SignatureAlgorithm.RS256).keyId("gone")
                .sign(TestTokens.OTHER_RSA.getPrivate());
        refused(ErrorCategory.UNAUTHENTICATED, () -> a.authenticate(bearer(unknownKid)));
    }

    @Test
    void jwksUrlIsFetched() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        byte[] body = TestTokens.jwks().getBytes(StandardCharsets.UTF_8);
        server.createContext("/jwks", ex -> {
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.start();
        try {
            JwtAuthenticator a = new JwtAuthenticator(JwtOptions.withKeyLocation(
                    "http://127.0.0.1:" + server.getAddress().getPort() + "/jwks"));
            assertEquals(Set.of("a"), a.authenticate(bearer(es256(claims("a", "logs:read")))).tenants());
            refused(ErrorCategory.UNAUTHENTICATED, () -> a.authenticate(bearer(
                    claims("a", "").jws().algorithm(SignatureAlgorithm.RS256).keyId("rsa-1")
                            .sign(TestTokens.OTHER_RSA.getPrivate()))));
        } finally {
            server.stop(0);
        }
    }

    @Test
    void expiredTokenIsRefused() {
        String token = rs256(claims("a", "logs:read").issuedAt(Instant.now().minusSeconds(7200))
                .expiresAt(Instant.now().minusSeconds(3600)));
        StrataException e = refused(ErrorCategory.UNAUTHENTICATED, () -> RSA_PEM.authenticate(bearer(token)));
        assertEquals("invalid token: token expired", e.getMessage());
    }

    @Test
    void wronglySignedAndTamperedTokensAreRefused() {
        String other = claims("a", "logs:read").jws().algorithm(SignatureAlgorithm.RS256).sign(TestTokens.OTHER_RSA.getPrivate());
        assertEquals("invalid token: signature invalid",
                refused(ErrorCategory.UNAUTHENTICATED, () -> RSA_PEM.authenticate(bearer(other))).getMessage());
        String tampered = TestTokens.tampered(rs256(claims("a", "logs:read")), "b");
        assertEquals("invalid token: signature invalid",
                refused(ErrorCategory.UNAUTHENTICATED, () -> RSA_PEM.authenticate(bearer(tampered))).getMessage());
    }

    @Test
    void algNoneAndKeyConfusionAreRefused() {
        assertEquals("invalid token: algorithm 'none' is not allowed", refused(ErrorCategory.UNAUTHENTICATED,
                () -> RSA_PEM.authenticate(bearer(TestTokens.unsigned("a")))).getMessage());
        assertTrue(refused(ErrorCategory.UNAUTHENTICATED,
                () -> RSA_PEM.authenticate(bearer(TestTokens.hmacWithPublicKey("a")))).getMessage()
                .contains("algorithm 'HS256' is not allowed"));
    }

    @Test
    void issuerAndAudienceAreCheckedWhenConfigured() {
        JwtAuthenticator a = new JwtAuthenticator(JwtOptions.withPublicKey(pem(TestTokens.RSA.getPublic()))
                .withIssuer("https://idp.example").withAudiences(Set.of("strata")));
        assertEquals(Set.of("a"), a.authenticate(bearer(rs256(claims("a", "").issuer("https://idp.example")
                .audience("strata")))).tenants());
        assertEquals("invalid token: issuer not accepted", refused(ErrorCategory.UNAUTHENTICATED, () -> a.authenticate(
                bearer(rs256(claims("a", "").issuer("https://evil.example").audience("strata"))))).getMessage());
        assertEquals("invalid token: audience not accepted", refused(ErrorCategory.UNAUTHENTICATED, () -> a.authenticate(
                bearer(rs256(claims("a", "").issuer("https://idp.example").audience("other"))))).getMessage());
        assertEquals("invalid token: audience not accepted", refused(ErrorCategory.UNAUTHENTICATED, () -> a.authenticate(
                bearer(rs256(claims("a", "").issuer("https://idp.example"))))).getMessage());
        // without configuration any issuer / audience passes
        assertEquals(Set.of("a"), RSA_PEM.authenticate(bearer(rs256(claims("a", "").issuer("x").audience("y")))).tenants());
    }

    @Test
    void claimProblemsAreRefused() {
        StrataException noTenant = refused(ErrorCategory.FORBIDDEN, () -> RSA_PEM.authenticate(bearer(rs256(claims(null, "logs:read")))));
        assertTrue(noTenant.getMessage().contains("names no tenant"), noTenant.getMessage());
        for (Object bad : List.<Object>of("../etc", "a/b", "..", List.of("ok", "x|y"), Map.of("t", "a"), List.of(1, 2), "")) {
            refused(ErrorCategory.UNAUTHENTICATED, () -> RSA_PEM.authenticate(bearer(rs256(claims(bad, "logs:read")))));
        }
        StrataException lbac = refused(ErrorCategory.UNAUTHENTICATED, () -> RSA_PEM.authenticate(
                bearer(rs256(claims("a", "logs:read").claim("lbac", List.of("{namespace=prod}"))))));
        assertTrue(lbac.getMessage().startsWith("invalid token: claim 'lbac'"), lbac.getMessage());
    }

    @Test
    void lbacObjectFormIsPerTenant() {
        Identity id = RSA_PEM.authenticate(bearer(rs256(claims(List.of("a", "b"), "logs:read")
                .claim("lbac", Map.of("a", List.of("{app=\"web\"}"), "z", List.of("{x=\"y\"}"))))));
        assertFalse(id.policy("a").unrestricted());
        assertTrue(id.policy("b").unrestricted());
        assertFalse(id.policies().containsKey("z"), "policies only for tenants the token holds");
    }

    @Test
    void customClaimNames() {
        JwtAuthenticator a = new JwtAuthenticator(JwtOptions.withPublicKey(pem(TestTokens.RSA.getPublic()))
                .withClaims("org", "perms", "streams"));
        Identity id = a.authenticate(bearer(rs256(claims(null, null).claim("org", "x").claim("perms", "logs:write")
                .claim("streams", List.of("{a=\"b\"}")))));
        assertEquals(Set.of("x"), id.tenants());
        assertEquals(Set.of(Scope.LOGS_WRITE), id.scopes());
        assertFalse(id.policy("x").unrestricted());
    }

    @Test
    void malformedAndOversizedTokensAreRefused() {
        for (String t : List.of("abc", "a.b", "a.b.c.d", "!!!.b.c", "e30.e30.", "bm90IGpzb24.e30.c2ln", "e30.e30.c2ln")) {
            refused(ErrorCategory.UNAUTHENTICATED, () -> RSA_PEM.authenticate(bearer(t)));
        }
        assertTrue(refused(ErrorCategory.UNAUTHENTICATED, () -> RSA_PEM.authenticate(bearer("a.b.c.d.e"))).getMessage()
                .contains("JWE"));
        String big = "e30." + "A".repeat(10_000) + ".c2ln";
        assertTrue(refused(ErrorCategory.UNAUTHENTICATED, () -> RSA_PEM.authenticate(bearer(big))).getMessage()
                .contains("longer than"));
        String huge = "A".repeat(1 << 20);
        StrataException e = refused(ErrorCategory.BAD_REQUEST, () -> RSA_PEM.authenticate(bearer(huge)));
        assertFalse(e.getMessage().contains("AAAA"), "never echo the token");
        refused(ErrorCategory.UNAUTHENTICATED, () -> RSA_PEM.authenticate(RequestHeaders.none()));
        refused(ErrorCategory.BAD_REQUEST, () -> RSA_PEM.authenticate(RequestHeaders.of(Map.of("authorization", "Bearer"))));
        refused(ErrorCategory.BAD_REQUEST, () -> RSA_PEM.authenticate(RequestHeaders.of(Map.of("Authorization", "  "))));
        refused(ErrorCategory.BAD_REQUEST, () -> RSA_PEM.authenticate(RequestHeaders.ofMulti(
                Map.of("Authorization", List.of("Bearer x.y.z", "Bearer a.b.c")))));
        refused(ErrorCategory.UNAUTHENTICATED, () -> RSA_PEM.authenticate(RequestHeaders.of(Map.of("Authorization", "Basic dTpw"))));
    }

    @Test
    void tokenWithoutExpiryIsRefused() {
        String token = io.smallrye.jwt.build.Jwt.claims(Map.of("sub", "u", "tenant", "a", "iat", Instant.now().getEpochSecond()))
                .jws().algorithm(SignatureAlgorithm.RS256).sign(TestTokens.RSA.getPrivate());
        // SmallRye's builder adds exp by default; strip it by re-signing a hand-made payload instead
        assertEquals(Set.of("a"), RSA_PEM.authenticate(bearer(token)).tenants());
        String noExp = handSigned("{\"sub\":\"u\",\"tenant\":\"a\",\"iat\":" + Instant.now().getEpochSecond() + "}");
        refused(ErrorCategory.UNAUTHENTICATED, () -> RSA_PEM.authenticate(bearer(noExp)));
    }

    static String handSigned(String payload) {
        try {
            String input = TestTokens.b64("{\"alg\":\"RS256\",\"typ\":\"JWT\"}") + "." + TestTokens.b64(payload);
            java.security.Signature s = java.security.Signature.getInstance("SHA256withRSA");
            s.initSign(TestTokens.RSA.getPrivate());
            s.update(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(s.sign());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void handSignedValidTokenPassesSoTheRefusalsAboveAreMeaningful() {
        long now = Instant.now().getEpochSecond();
        String ok = handSigned("{\"sub\":\"u\",\"tenant\":\"a\",\"iat\":" + now + ",\"exp\":" + (now + 60) + "}");
        assertEquals(Set.of("a"), RSA_PEM.authenticate(bearer(ok)).tenants());
    }

    @Test
    void badConfigurationFailsAtStartup(@TempDir Path dir) throws Exception {
        assertThrows(IllegalArgumentException.class, () -> new JwtAuthenticator(
                JwtOptions.withPublicKey(pem(TestTokens.RSA.getPublic())).withAlgorithms(Set.of("ES256"))));
        assertThrows(IllegalArgumentException.class, () -> JwtOptions.withPublicKey("x").withAlgorithms(Set.of("HS256")));
        assertThrows(IllegalArgumentException.class, () -> new JwtAuthenticator(JwtOptions.withPublicKey(
                "{\"keys\":[{\"kty\":\"oct\",\"k\":\"c2VjcmV0\"}]}")));
        assertThrows(IllegalArgumentException.class, () -> new JwtAuthenticator(JwtOptions.withPublicKey("not a key")));
        assertThrows(IllegalArgumentException.class, () -> new JwtAuthenticator(
                JwtOptions.withKeyLocation(dir.resolve("missing.pem").toString())));
        assertThrows(IllegalArgumentException.class, () -> new JwtOptions("a", "b", null, null, null, 0, null, null, null,
                null, 0, 0));
        Path pemFile = Files.writeString(dir.resolve("key.pem"), pem(TestTokens.EC.getPublic()));
        JwtAuthenticator fromFile = new JwtAuthenticator(JwtOptions.withKeyLocation(pemFile.toString()));
        assertEquals(Set.of("a"), fromFile.authenticate(bearer(es256(claims("a", "logs:read")))).tenants());
    }
}
