package io.strata.tenant.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.model.ErrorCategory;
import io.strata.model.StrataException;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScopePolicyTest {
    @ParameterizedTest
    @CsvSource({
        "POST, /loki/api/v1/push, logs:write, SINGLE",
        "POST, /api/prom/push, logs:write, SINGLE",
        "POST, /otlp/v1/logs, logs:write, SINGLE",
        "GET, /loki/api/v1/query, logs:read, MULTI",
        "post, /loki/api/v1/query_range, logs:read, MULTI",
        "GET, /loki/api/v1/labels, logs:read, MULTI",
        "GET, /loki/api/v1/label/app/values, logs:read, MULTI",
        "GET, /loki/api/v1/series, logs:read, MULTI",
        "GET, /loki/api/v1/index/volume_range, logs:read, MULTI",
        "GET, /loki/api/v1/detected_field/level/values, logs:read, MULTI",
        "GET, /api/prom/label/app/values, logs:read, MULTI",
        "GET, /loki/api/v1/tail, logs:read, SINGLE",
        "GET, /api/prom/tail, logs:read, SINGLE",
        "GET, /loki/api/v1/drilldown-limits, logs:read, SINGLE",
        "GET, /loki/api/v1/delete, logs:delete, SINGLE",
        "PUT, /loki/api/v1/delete, logs:delete, SINGLE",
        "DELETE, /loki/api/v1/delete, logs:delete, SINGLE",
        "GET, /loki/api/v1/rules, rules:read, SINGLE",
        "GET, /api/prom/rules/ns, rules:read, SINGLE",
        "GET, /api/prom/rules/ns/group, rules:read, SINGLE",
        "POST, /loki/api/v1/rules/ns, rules:write, SINGLE",
        "DELETE, /loki/api/v1/rules/ns, rules:write, SINGLE",
        "DELETE, /api/prom/rules/ns/group, rules:write, SINGLE",
        "GET, /prometheus/api/v1/rules, rules:read, SINGLE",
        "GET, /prometheus/api/v1/alerts, rules:read, SINGLE",
        "POST, /flush, logs:write, NONE",
    })
    void routesNeedTheirScope(String method, String path, String scope, Tenancy tenancy) {
        RouteAccess a = ScopePolicy.lookup(method, path);
        assertTrue(a.known());
        assertEquals(scope, a.scope().text());
        assertEquals(tenancy, a.tenancy());
    }

    @ParameterizedTest
    @CsvSource({"GET, /ready", "GET, /metrics", "GET, /loki/api/v1/status/buildinfo", "POST, /loki/api/v1/format_query",
        "GET, /config", "GET, /services"})
    void operationalRoutesArePublic(String method, String path) {
        assertTrue(ScopePolicy.lookup(method, path).isPublic());
    }

    @ParameterizedTest
    @CsvSource({"GET, /loki/api/v1/push", "POST, /loki/api/v1/rules", "POST, /loki/api/v1/rules/ns/group",
        "GET, /loki/api/v1/label/../values", "GET, /loki/api/v1/label//values", "GET, /loki/api/v1/nope",
        "GET, /", "GET, loki/api/v1/query", "POST, /log_level", "GET, /loki/api/v1/rules/a/b/c",
        "POST, /prometheus/api/v1/rules"})
    void unknownRoutesAreNeitherPublicNorAllowed(String method, String path) {
        RouteAccess a = ScopePolicy.lookup(method, path);
        assertFalse(a.known());
        assertFalse(a.isPublic());
    }

    @Test
    void trailingSlashAndQueryStringAreTolerated() {
        assertEquals(Scope.LOGS_WRITE, ScopePolicy.lookup("POST", "/loki/api/v1/push/").scope());
        assertEquals(Scope.LOGS_READ, ScopePolicy.lookup("GET", "/loki/api/v1/query?query=%7B%7D").scope());
    }

    @Test
    void authorizeRefusesAMissingScopeWith403() {
        Identity reader = new Identity("grafana", AuthMethod.BASIC, Set.of("a"), false, Set.of(Scope.LOGS_READ), Map.of());
        assertEquals(Tenancy.MULTI, ScopePolicy.authorize(reader, "GET", "/loki/api/v1/query_range").tenancy());
        StrataException e = assertThrows(StrataException.class,
                () -> ScopePolicy.authorize(reader, "POST", "/loki/api/v1/push"));
        assertEquals(ErrorCategory.FORBIDDEN, e.category());
        assertEquals("access denied: 'grafana' lacks the scope logs:write needed for POST /loki/api/v1/push", e.getMessage());
        assertThrows(StrataException.class, () -> ScopePolicy.authorize(reader, "POST", "/loki/api/v1/rules/ns"));
        assertThrows(StrataException.class, () -> ScopePolicy.authorize(reader, "DELETE", "/loki/api/v1/delete"));
        assertTrue(ScopePolicy.authorize(reader, "GET", "/ready").isPublic());
    }
}
