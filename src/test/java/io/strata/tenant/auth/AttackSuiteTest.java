package io.strata.tenant.auth;

import static io.strata.tenant.auth.TestTokens.claims;
import static io.strata.tenant.auth.TestTokens.rs256;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.strata.model.Labels;
import io.strata.model.StrataException;
import io.strata.tenant.access.AccessPolicy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * End-to-end refusals through the whole chain the HTTP layer will run: authenticate → route scope →
 * tenant resolution → LBAC stream filter. Every attack must be refused with the right status and
 * its message must leak neither credentials nor other tenants' data.
 */
class AttackSuiteTest {
    static final Map<String, BasicUser> USERS = Map.of(
            "grafana", new BasicUser("grafana", "tenant-a", BasicAuthenticatorTest.hash("g-pass", 4),
                    Set.of(Scope.LOGS_READ), AccessPolicy.parse(List.of("{namespace=\"prod\"}"))),
            "promtail", new BasicUser("promtail", "tenant-a", BasicAuthenticatorTest.hash("p-pass", 4),
                    Set.of(Scope.LOGS_WRITE), null),
            "bob", new BasicUser("bob", "tenant-b", BasicAuthenticatorTest.hash("b-pass", 4), Identity.allScopes(), null));
    static final CompositeAuthenticator AUTH = new CompositeAuthenticator(Set.of(AuthMethod.JWT, AuthMethod.BASIC),
            JwtAuthenticatorTest.RSA_PEM, new BasicAuthenticator(USERS::get));
    static final TenantResolution RESOLUTION = new TenantResolution(true);

    /** What each tenant stores; the secret stream of tenant-a must only ever be seen without LBAC. */
    static final Map<String, List<Labels>> STORE = Map.of(
            "tenant-a", List.of(Labels.of("namespace", "prod", "app", "web"), Labels.of("namespace", "secret", "app", "vault"),
                    Labels.of("namespace", "prod-shadow", "app", "x")),
            "tenant-b", List.of(Labels.of("namespace", "prod", "app", "billing")));

    /** The chain; returns the streams the request would see (reads) or its tenants (other routes). */
    static List<Labels> request(String method, String path, Map<String, String> headers) {
        RequestHeaders h = RequestHeaders.of(headers);
        Identity id = AUTH.authenticate(h);
        RouteAccess access = ScopePolicy.authorize(id, method, path);
        assertTrue(access.known(), path);
        TenantSelection sel = RESOLUTION.resolve(id, h.single(RequestHeaders.ORG_ID), access.tenancy());
        List<Labels> out = new ArrayList<>();
        for (String t : sel.tenants()) {
            for (Labels l : STORE.getOrDefault(t, List.of())) {
                if (sel.policy(t).allows(l)) { // applied to the stored labels, before any pipeline stage
                    out.add(sel.multi() ? l.toBuilder().set(TenantSelection.TENANT_LABEL, t).build() : l);
                }
            }
        }
        return out;
    }

    static StrataException refused(int status, String method, String path, Map<String, String> headers, String... secrets) {
        StrataException e = assertThrows(StrataException.class, () -> request(method, path, headers));
        assertEquals(status, e.category().httpStatus(), e.getMessage());
        for (String s : secrets) {
            assertFalse(e.getMessage().contains(s), "message leaks '" + s + "': " + e.getMessage());
        }
        assertFalse(e.getMessage().contains("vault"), e.getMessage());
        assertFalse(e.getMessage().contains("billing"), e.getMessage());
        return e;
    }

    static String basicValue(String user, String pw) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + pw).getBytes());
    }

    static Map<String, String> headers(String... kv) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    static final String QUERY = "/loki/api/v1/query_range";
    static final String PUSH = "/loki/api/v1/push";

    @Test
    void baselineAllowedRequestsWork() {
        assertEquals(List.of(Labels.of("namespace", "prod", "app", "web")),
                request("GET", QUERY, headers("Authorization", basicValue("grafana", "g-pass"))));
        assertEquals(1, request("GET", QUERY, headers("Authorization", basicValue("bob", "b-pass"))).size());
        String multi = rs256(claims(List.of("tenant-a", "tenant-b"), "logs:read")
                .claim("lbac", Map.of("tenant-a", List.of("{namespace=\"prod\"}"))));
        List<Labels> seen = request("GET", QUERY, headers("Authorization", "Bearer " + multi, "X-Scope-OrgID", "tenant-b|tenant-a"));
        assertEquals(2, seen.size());
        assertTrue(seen.stream().allMatch(l -> l.has("__tenant_id__")));
    }

    @Test
    void forgedOrgIdHeadersAreRefused() {
        refused(403, "GET", QUERY, headers("Authorization", basicValue("grafana", "g-pass"), "X-Scope-OrgID", "tenant-b"), "g-pass");
        refused(403, "POST", PUSH, headers("Authorization", basicValue("promtail", "p-pass"), "x-scope-orgid", "tenant-b"));
        String tokenA = rs256(claims("tenant-a", "logs:read logs:write"));
        refused(403, "GET", QUERY, headers("Authorization", "Bearer " + tokenA, "X-Scope-OrgID", "tenant-b"), tokenA);
        refused(403, "GET", QUERY, headers("Authorization", "Bearer " + tokenA, "X-Scope-OrgID", "tenant-b:meta=1"));
    }

    @Test
    void spoofedPolicyHeaderChangesNothing() {
        List<Labels> seen = request("GET", QUERY, headers("Authorization", basicValue("grafana", "g-pass"),
                "X-Prom-Label-Policy", "tenant-a:%7Bnamespace%3D~%22.%2A%22%7D"));
        assertEquals(List.of(Labels.of("namespace", "prod", "app", "web")), seen);
    }

    @Test
    void tokensOfAnotherTenantAndBadTokensAreRefused() {
        String tokenB = rs256(claims("tenant-b", "logs:read"));
        refused(403, "GET", QUERY, headers("Authorization", "Bearer " + tokenB, "X-Scope-OrgID", "tenant-a"));
        String expired = rs256(claims("tenant-a", "logs:read").issuedAt(Instant.now().minusSeconds(7200))
                .expiresAt(Instant.now().minusSeconds(3600)));
        refused(401, "GET", QUERY, headers("Authorization", "Bearer " + expired), expired);
        String wrongKey = claims("tenant-a", "logs:read").jws().algorithm(SignatureAlgorithm.RS256).sign(TestTokens.OTHER_RSA.getPrivate());
        refused(401, "GET", QUERY, headers("Authorization", "Bearer " + wrongKey));
        refused(401, "GET", QUERY, headers("Authorization", "Bearer " + TestTokens.unsigned("tenant-a")));
        refused(401, "GET", QUERY, headers("Authorization", "bearer " + TestTokens.hmacWithPublicKey("tenant-a")));
        refused(401, "GET", QUERY, headers("Authorization", "Bearer " + TestTokens.tampered(tokenB, "tenant-a"),
                "X-Scope-OrgID", "tenant-a"));
        refused(400, "GET", QUERY, headers("Authorization", "Bearer " + "A".repeat(1 << 20)));
    }

    @Test
    void badBasicCredentialsAreRefused() {
        refused(401, "GET", QUERY, headers("Authorization", basicValue("grafana", "Zx9-guess")), "Zx9-guess");
        refused(401, "GET", QUERY, headers("Authorization", basicValue("tenant-a", "g-pass")), "g-pass");
        refused(401, "GET", QUERY, headers());
        refused(400, "GET", QUERY, headers("Authorization", "Basic not-base64!"));
        refused(401, "GET", QUERY, headers("Authorization", "Negotiate abc"));
    }

    @Test
    void unsafeTenantIdsAreRefusedBeforeAnyUse() {
        String bobToken = rs256(claims(List.of("tenant-a", "tenant-b"), "logs:read logs:write"));
        for (String bad : List.of("../tenant-a", "tenant-a/..", "..", ".", "a/b", "tenant-a\\..", "%2e%2e")) {
            refused(400, "GET", QUERY, headers("Authorization", "Bearer " + bobToken, "X-Scope-OrgID", bad));
        }
        refused(401, "GET", QUERY, headers("Authorization", "Bearer " + rs256(claims("../x", "logs:read"))));
    }

    @Test
    void multiTenantWithoutEveryGrantIsRefused() {
        refused(403, "GET", QUERY, headers("Authorization", basicValue("grafana", "g-pass"), "X-Scope-OrgID", "tenant-a|tenant-b"));
        String tokenA = rs256(claims("tenant-a", "logs:read logs:write rules:read"));
        refused(403, "GET", QUERY, headers("Authorization", "Bearer " + tokenA, "X-Scope-OrgID", "tenant-a|tenant-b"));
        String both = rs256(claims(List.of("tenant-a", "tenant-b"), "logs:read logs:write rules:read"));
        refused(400, "POST", PUSH, headers("Authorization", "Bearer " + both, "X-Scope-OrgID", "tenant-a|tenant-b"));
        refused(400, "GET", "/loki/api/v1/tail", headers("Authorization", "Bearer " + both, "X-Scope-OrgID", "tenant-a|tenant-b"));
        refused(400, "GET", "/prometheus/api/v1/rules", headers("Authorization", "Bearer " + both, "X-Scope-OrgID", "tenant-a|tenant-b"));
        refused(401, "GET", QUERY, headers("Authorization", "Bearer " + both));
    }

    @Test
    void scopesAreEnforcedPerRoute() {
        refused(403, "POST", PUSH, headers("Authorization", basicValue("grafana", "g-pass")));
        refused(403, "GET", QUERY, headers("Authorization", basicValue("promtail", "p-pass")));
        refused(403, "POST", "/loki/api/v1/rules/ns", headers("Authorization", basicValue("grafana", "g-pass")));
        refused(403, "DELETE", "/loki/api/v1/delete", headers("Authorization", basicValue("grafana", "g-pass")));
        String noScope = rs256(claims("tenant-a", null));
        refused(403, "GET", QUERY, headers("Authorization", "Bearer " + noScope));
    }

    @Test
    void lbacCannotBeEscaped() {
        // anchoring: prod-shadow is not prod; the secret namespace is never visible to grafana
        List<Labels> seen = request("GET", QUERY, headers("Authorization", basicValue("grafana", "g-pass")));
        assertTrue(seen.stream().noneMatch(l -> !"prod".equals(l.get("namespace"))), seen.toString());
        // a token whose lbac claim is broken is refused rather than treated as unrestricted
        refused(401, "GET", QUERY, headers("Authorization", "Bearer "
                + rs256(claims("tenant-a", "logs:read").claim("lbac", List.of("{namespace=~\"prod|\"")))));
        // an empty policy list means nothing, not everything
        String empty = rs256(claims("tenant-a", "logs:read").claim("lbac", List.of()));
        assertEquals(List.of(), request("GET", QUERY, headers("Authorization", "Bearer " + empty)));
        // the policy survives multi-tenant fan-out: tenant-a stays filtered next to tenant-b
        String multi = rs256(claims(List.of("tenant-a", "tenant-b"), "logs:read").claim("lbac", List.of("{app=\"billing\"}")));
        List<Labels> both = request("GET", QUERY, headers("Authorization", "Bearer " + multi, "X-Scope-OrgID", "tenant-a|tenant-b"));
        assertEquals(1, both.size());
        assertEquals("tenant-b", both.get(0).get("__tenant_id__"));
    }
}
