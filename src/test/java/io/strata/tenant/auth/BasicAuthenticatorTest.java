package io.strata.tenant.auth;

import static io.strata.tenant.auth.TestTokens.basic;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import at.favre.lib.crypto.bcrypt.BCrypt;
import io.strata.model.ErrorCategory;
import io.strata.model.Labels;
import io.strata.model.StrataException;
import io.strata.tenant.access.AccessPolicy;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class BasicAuthenticatorTest {
    static String hash(String pw, int cost) {
        return BCrypt.withDefaults().hashToString(cost, pw.toCharArray());
    }

    final Map<String, BasicUser> users = new ConcurrentHashMap<>(Map.of(
            "grafana", new BasicUser("grafana", "tenant-a", hash("s3cret", 4), Set.of(Scope.LOGS_READ),
                    AccessPolicy.parse(List.of("{namespace=\"prod\"}"))),
            "promtail", new BasicUser("promtail", "tenant-b", hash("push", 4), Set.of(Scope.LOGS_WRITE), null)));
    final BasicAuthenticator auth = new BasicAuthenticator(new UserDirectory() {
        @Override
        public BasicUser find(String username) {
            return users.get(username);
        }

        @Override
        public int typicalCost() {
            return 4;
        }
    });

    static StrataException refused(ErrorCategory c, org.junit.jupiter.api.function.Executable e) {
        StrataException ex = assertThrows(StrataException.class, e);
        assertEquals(c, ex.category(), ex.getMessage());
        return ex;
    }

    @Test
    void validUserGetsItsTenantScopesAndPolicy() {
        Identity id = auth.authenticate(basic("grafana", "s3cret"));
        assertEquals("grafana", id.principal());
        assertEquals(Set.of("tenant-a"), id.tenants());
        assertEquals(Set.of(Scope.LOGS_READ), id.scopes());
        assertFalse(id.policy("tenant-a").allows(Labels.of("namespace", "dev")));
        Identity p = auth.authenticate(basic("promtail", "push"));
        assertTrue(p.policy("tenant-b").unrestricted());
        // again: served from the success cache, same answer
        assertEquals(id, auth.authenticate(basic("grafana", "s3cret")));
    }

    @Test
    void wrongPasswordAndUnknownUserGetTheSameAnswer() {
        String wrong = refused(ErrorCategory.UNAUTHENTICATED, () -> auth.authenticate(basic("grafana", "nope"))).getMessage();
        String unknown = refused(ErrorCategory.UNAUTHENTICATED, () -> auth.authenticate(basic("nobody", "nope"))).getMessage();
        assertEquals(wrong, unknown);
        assertFalse(wrong.contains("nope"));
        // a wrong password after a right one is still wrong (failures are never cached as success)
        auth.authenticate(basic("grafana", "s3cret"));
        refused(ErrorCategory.UNAUTHENTICATED, () -> auth.authenticate(basic("grafana", "s3cret ")));
    }

    @Test
    void unknownUserCostsABcryptToo() {
        BasicAuthenticator slow = new BasicAuthenticator(new UserDirectory() {
            final BasicUser u = new BasicUser("u", "t", hash("pw", 10), Set.of(), null);

            @Override
            public BasicUser find(String name) {
                return name.equals("u") ? u : null;
            }

            @Override
            public int typicalCost() {
                return 10;
            }
        });
        long wrong = Long.MAX_VALUE;
        long unknown = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            long t0 = System.nanoTime();
            assertThrows(StrataException.class, () -> slow.authenticate(basic("u", "bad")));
            long t1 = System.nanoTime();
            assertThrows(StrataException.class, () -> slow.authenticate(basic("ghost", "bad")));
            long t2 = System.nanoTime();
            wrong = Math.min(wrong, t1 - t0);
            unknown = Math.min(unknown, t2 - t1);
        }
        // cost 10 takes tens of ms; without the dummy check an unknown user would take microseconds
        assertTrue(unknown * 3 > wrong, "unknown " + unknown + " ns vs wrong password " + wrong + " ns");
    }

    @Test
    void changedHashInvalidatesTheOldPasswordAtOnce() {
        auth.authenticate(basic("grafana", "s3cret"));
        users.put("grafana", new BasicUser("grafana", "tenant-a", hash("rotated", 4), Set.of(Scope.LOGS_READ), null));
        refused(ErrorCategory.UNAUTHENTICATED, () -> auth.authenticate(basic("grafana", "s3cret")));
        assertEquals("grafana", auth.authenticate(basic("grafana", "rotated")).principal());
        users.remove("grafana");
        refused(ErrorCategory.UNAUTHENTICATED, () -> auth.authenticate(basic("grafana", "rotated")));
    }

    @Test
    void passwordsBeyondBcryptsLimitAreRefusedNotTruncated() {
        String pw72 = "a".repeat(72);
        users.put("long", new BasicUser("long", "t", hash(pw72, 4), Set.of(Scope.LOGS_READ), null));
        assertEquals("long", auth.authenticate(basic("long", pw72)).principal());
        refused(ErrorCategory.UNAUTHENTICATED, () -> auth.authenticate(basic("long", pw72 + "b")));
    }

    @Test
    void malformedHeadersAreRefused() {
        refused(ErrorCategory.BAD_REQUEST, () -> auth.authenticate(RequestHeaders.of(Map.of("Authorization", "Basic %%%"))));
        refused(ErrorCategory.BAD_REQUEST, () -> auth.authenticate(RequestHeaders.of(Map.of("Authorization", "Basic "
                + java.util.Base64.getEncoder().encodeToString("nocolon".getBytes())))));
        refused(ErrorCategory.BAD_REQUEST, () -> auth.authenticate(RequestHeaders.of(Map.of("Authorization", "Basic "
                + java.util.Base64.getEncoder().encodeToString(new byte[] {(byte) 0xff, ':', 'x'})))));
        refused(ErrorCategory.BAD_REQUEST, () -> auth.authenticate(RequestHeaders.of(Map.of("Authorization", "Basic"))));
        refused(ErrorCategory.UNAUTHENTICATED, () -> auth.authenticate(basic("", "x")));
        refused(ErrorCategory.UNAUTHENTICATED, () -> auth.authenticate(basic("x".repeat(5000), "x")));
        StrataException none = refused(ErrorCategory.UNAUTHENTICATED, () -> auth.authenticate(RequestHeaders.none()));
        assertTrue(none.getMessage().startsWith("no credentials: send basic auth"), none.getMessage());
        refused(ErrorCategory.UNAUTHENTICATED, () -> auth.authenticate(TestTokens.bearer("a.b.c")));
    }
}
