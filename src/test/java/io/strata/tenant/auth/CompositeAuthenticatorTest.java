package io.strata.tenant.auth;

import static io.strata.tenant.auth.TestTokens.basic;
import static io.strata.tenant.auth.TestTokens.bearer;
import static io.strata.tenant.auth.TestTokens.claims;
import static io.strata.tenant.auth.TestTokens.rs256;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.model.ErrorCategory;
import io.strata.model.StrataException;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CompositeAuthenticatorTest {
    static final BasicAuthenticator BASIC = new BasicAuthenticator(name -> name.equals("grafana")
            ? new BasicUser("grafana", "tenant-a", BasicAuthenticatorTest.hash("pw", 4), Set.of(Scope.LOGS_READ), null)
            : null);
    static final JwtAuthenticator JWT = JwtAuthenticatorTest.RSA_PEM;

    static CompositeAuthenticator of(String modes) {
        return new CompositeAuthenticator(AuthMethod.parseList(modes), JWT, BASIC);
    }

    static StrataException refused(ErrorCategory c, org.junit.jupiter.api.function.Executable e) {
        StrataException ex = assertThrows(StrataException.class, e);
        assertEquals(c, ex.category(), ex.getMessage());
        return ex;
    }

    @Test
    void jwtAndBasicTogether() {
        CompositeAuthenticator a = of("jwt, basic");
        assertEquals(AuthMethod.JWT, a.authenticate(bearer(rs256(claims("t", "logs:read")))).method());
        assertEquals(AuthMethod.BASIC, a.authenticate(basic("grafana", "pw")).method());
        assertEquals("no credentials: send an Authorization: Bearer <JWT> header or basic auth",
                refused(ErrorCategory.UNAUTHENTICATED, () -> a.authenticate(RequestHeaders.none())).getMessage());
        assertTrue(refused(ErrorCategory.UNAUTHENTICATED, () -> a.authenticate(RequestHeaders.of(
                Map.of("Authorization", "Digest abc")))).getMessage().startsWith("unsupported Authorization scheme 'Digest'"));
        refused(ErrorCategory.UNAUTHENTICATED, () -> a.authenticate(bearer(TestTokens.unsigned("t"))));
        refused(ErrorCategory.UNAUTHENTICATED, () -> a.authenticate(basic("grafana", "wrong")));
        assertEquals("Bearer realm=\"strata\", Basic realm=\"strata\", charset=\"UTF-8\"", a.challenge());
    }

    @Test
    void headerWithJwtNeverFallsBackOnABadToken() {
        CompositeAuthenticator a = of("header,jwt");
        RequestHeaders orgOnly = RequestHeaders.of(Map.of("X-Scope-OrgID", "x"));
        assertEquals(AuthMethod.HEADER, a.authenticate(orgOnly).method());
        refused(ErrorCategory.UNAUTHENTICATED, () -> a.authenticate(RequestHeaders.of(
                Map.of("X-Scope-OrgID", "x", "Authorization", "Bearer " + TestTokens.unsigned("x")))));
        // a scheme no listed mode verifies is ignored in header mode, as Loki ignores Authorization
        assertEquals(AuthMethod.HEADER, a.authenticate(RequestHeaders.of(
                Map.of("X-Scope-OrgID", "x", "Authorization", "Basic Z3JhZmFuYTpwdw=="))).method());
    }

    @Test
    void headerAloneIgnoresAuthorizationAndNoneIsFake() {
        CompositeAuthenticator h = of("header");
        assertEquals(AuthMethod.HEADER, h.authenticate(RequestHeaders.of(Map.of("Authorization", "garbage"))).method());
        assertNull(h.challenge());
        Identity none = of("none").authenticate(RequestHeaders.of(Map.of("Authorization", "Bearer x")));
        assertEquals(Set.of("fake"), none.tenants());
        assertEquals(Identity.allScopes(), none.scopes());
    }

    @Test
    void modeListsAreValidated() {
        assertEquals(Set.of(AuthMethod.JWT, AuthMethod.BASIC), AuthMethod.parseList(" JWT , basic ,"));
        for (String bad : new String[] {"", " , ", "none,jwt", "ldap", "jwt;basic"}) {
            assertThrows(IllegalArgumentException.class, () -> AuthMethod.parseList(bad), bad);
        }
        assertThrows(IllegalArgumentException.class,
                () -> new CompositeAuthenticator(Set.of(AuthMethod.JWT), null, BASIC));
        assertThrows(IllegalArgumentException.class,
                () -> new CompositeAuthenticator(Set.of(AuthMethod.BASIC), JWT, null));
    }
}
