package io.strata.tenant.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.model.ErrorCategory;
import io.strata.model.StrataException;
import io.strata.tenant.access.AccessPolicy;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TenantResolutionTest {
    static final TenantResolution MULTI_ON = new TenantResolution(true);
    static final TenantResolution MULTI_OFF = new TenantResolution(false);
    static final Identity HEADER = new HeaderAuthenticator().authenticate(RequestHeaders.none());
    static final Identity NONE = new NoneAuthenticator().authenticate(RequestHeaders.none());
    static final AccessPolicy PROD = AccessPolicy.parse(List.of("{namespace=\"prod\"}"));
    static final Identity ONE = new Identity("u", AuthMethod.JWT, Set.of("a"), false, Set.of(Scope.LOGS_READ), Map.of());
    static final Identity TWO = new Identity("u", AuthMethod.JWT, Set.of("a", "b"), false, Set.of(Scope.LOGS_READ),
            Map.of("a", PROD));

    static StrataException refused(ErrorCategory c, String text, org.junit.jupiter.api.function.Executable e) {
        StrataException ex = assertThrows(StrataException.class, e);
        assertEquals(c, ex.category(), ex.getMessage());
        if (text != null) {
            assertEquals(text, ex.getMessage());
        }
        return ex;
    }

    @Test
    void noneModeIsAlwaysFake() {
        assertEquals(List.of("fake"), MULTI_ON.resolve(NONE, "other|x", Tenancy.MULTI).tenants());
        assertEquals(List.of("fake"), MULTI_ON.resolve(NONE, null, Tenancy.SINGLE).tenants());
    }

    @Test
    void headerModeFollowsLoki() {
        refused(ErrorCategory.UNAUTHENTICATED, "no org id", () -> MULTI_ON.resolve(HEADER, null, Tenancy.SINGLE));
        refused(ErrorCategory.UNAUTHENTICATED, "no org id", () -> MULTI_ON.resolve(HEADER, "", Tenancy.MULTI));
        assertEquals(List.of("a"), MULTI_ON.resolve(HEADER, "a", Tenancy.SINGLE).tenants());
        assertEquals(List.of("a"), MULTI_ON.resolve(HEADER, "a:product=k6", Tenancy.SINGLE).tenants());
        refused(ErrorCategory.BAD_REQUEST, "multiple org IDs present", () -> MULTI_ON.resolve(HEADER, "a|b", Tenancy.SINGLE));
        refused(ErrorCategory.BAD_REQUEST, "multiple org IDs present", () -> MULTI_OFF.resolve(HEADER, "a|b", Tenancy.MULTI));
        TenantSelection s = MULTI_ON.resolve(HEADER, "b|a|b", Tenancy.MULTI);
        assertEquals(List.of("a", "b"), s.tenants());
        assertTrue(s.multi());
        assertEquals("a|b", s.orgId());
        assertEquals(List.of("a"), MULTI_OFF.resolve(HEADER, "a|a", Tenancy.SINGLE).tenants());
    }

    @Test
    void invalidIdsGetLokisTexts() {
        refused(ErrorCategory.BAD_REQUEST, "tenant ID '..' contains unsupported character '/'"
                .replace("..", "../x"), () -> MULTI_ON.resolve(HEADER, "../x", Tenancy.SINGLE));
        refused(ErrorCategory.BAD_REQUEST, "tenant ID is '.' or '..'", () -> MULTI_ON.resolve(HEADER, "..", Tenancy.SINGLE));
        refused(ErrorCategory.BAD_REQUEST, "tenant ID is '.' or '..'", () -> MULTI_ON.resolve(HEADER, ".", Tenancy.SINGLE));
        refused(ErrorCategory.BAD_REQUEST, "tenant ID is too long: max 150 characters",
                () -> MULTI_ON.resolve(HEADER, "x".repeat(151), Tenancy.SINGLE));
        assertEquals(List.of("x".repeat(150)), MULTI_ON.resolve(HEADER, "x".repeat(150), Tenancy.SINGLE).tenants());
        refused(ErrorCategory.BAD_REQUEST, "tenant ID is empty", () -> MULTI_ON.resolve(HEADER, "a|", Tenancy.MULTI));
        refused(ErrorCategory.BAD_REQUEST, null, () -> MULTI_ON.resolve(HEADER, "a\\b", Tenancy.SINGLE));
        refused(ErrorCategory.BAD_REQUEST, null, () -> MULTI_ON.resolve(HEADER, "a b", Tenancy.SINGLE));
        StrataException ctl = refused(ErrorCategory.BAD_REQUEST, null, () -> MULTI_ON.resolve(HEADER, "a\nb", Tenancy.SINGLE));
        assertFalse(ctl.getMessage().contains("\n"), "no raw control characters in messages");
        // validation comes before the grant check, so a JWT identity gets the same 400
        refused(ErrorCategory.BAD_REQUEST, null, () -> MULTI_ON.resolve(ONE, "a/../b", Tenancy.SINGLE));
    }

    @Test
    void credentialsInjectOrValidate() {
        assertEquals(List.of("a"), MULTI_ON.resolve(ONE, null, Tenancy.SINGLE).tenants());
        assertEquals(List.of("a"), MULTI_ON.resolve(ONE, "a", Tenancy.SINGLE).tenants());
        refused(ErrorCategory.FORBIDDEN, "access denied: 'u' may not use tenant 'b'", () -> MULTI_ON.resolve(ONE, "b", Tenancy.SINGLE));
        refused(ErrorCategory.FORBIDDEN, null, () -> MULTI_ON.resolve(ONE, "a|b", Tenancy.MULTI));
        StrataException choose = refused(ErrorCategory.UNAUTHENTICATED, null, () -> MULTI_ON.resolve(TWO, null, Tenancy.MULTI));
        assertTrue(choose.getMessage().startsWith("no org id: 'u' holds several tenants (a, b)"), choose.getMessage());
    }

    @Test
    void multiTenantNeedsEveryGrantAndCarriesPolicies() {
        TenantSelection s = MULTI_ON.resolve(TWO, "a|b", Tenancy.MULTI);
        assertEquals(List.of("a", "b"), s.tenants());
        assertEquals(PROD, s.policy("a"));
        assertTrue(s.policy("b").unrestricted());
        refused(ErrorCategory.BAD_REQUEST, "multiple org IDs present", () -> MULTI_ON.resolve(TWO, "a|b", Tenancy.SINGLE));
        refused(ErrorCategory.BAD_REQUEST, "multiple org IDs present", () -> MULTI_OFF.resolve(TWO, "a|b", Tenancy.MULTI));
        StrataException e = refused(ErrorCategory.FORBIDDEN, null, () -> MULTI_ON.resolve(TWO, "a|b|c|d", Tenancy.MULTI));
        assertEquals("access denied: 'u' may not use tenants 'c', 'd'", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> MULTI_ON.resolve(TWO, "a", Tenancy.NONE));
    }
}
