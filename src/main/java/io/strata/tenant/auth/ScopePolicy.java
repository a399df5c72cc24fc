package io.strata.tenant.auth;

import io.strata.model.ErrorCategory;
import io.strata.model.StrataException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Route → required scope and tenancy, for every Loki path Strata serves, in the spirit of
 * grafana/db-auth-gateway's mapping: push (and OTLP) → {@code logs:write}; queries, labels, series,
 * stats, volume, patterns, detected_*, tail → {@code logs:read}; the delete API →
 * {@code logs:delete}; ruler GET → {@code rules:read}, ruler POST/DELETE → {@code rules:write}.
 * {@code /ready}, {@code /metrics}, buildinfo, format_query, {@code /config}, {@code /services},
 * GET {@code /log_level} and ring pages are public as in Loki (no tenant). {@code /flush} needs
 * {@code logs:write}. Paths are matched segment by segment; {@code {x}} matches one non-empty
 * segment; a {@code .} or {@code ..} segment never matches. Stateless and thread-safe.
 */
public final class ScopePolicy {
    private record Route(Set<String> methods, String[] segments, RouteAccess access) {}

    private static final Set<String> GET = Set.of("GET", "HEAD");
    private static final Set<String> GET_POST = Set.of("GET", "HEAD", "POST");
    private static final Set<String> POST = Set.of("POST");
    private static final Set<String> DELETE = Set.of("DELETE");

    private static final List<Route> ROUTES = new ArrayList<>();

    static {
        RouteAccess multiRead = new RouteAccess(true, Scope.LOGS_READ, Tenancy.MULTI);
        RouteAccess singleRead = new RouteAccess(true, Scope.LOGS_READ, Tenancy.SINGLE);
        RouteAccess write = new RouteAccess(true, Scope.LOGS_WRITE, Tenancy.SINGLE);
        RouteAccess delete = new RouteAccess(true, Scope.LOGS_DELETE, Tenancy.SINGLE);
        RouteAccess rulesRead = new RouteAccess(true, Scope.RULES_READ, Tenancy.SINGLE);
        RouteAccess rulesWrite = new RouteAccess(true, Scope.RULES_WRITE, Tenancy.SINGLE);
        for (String p : List.of("query", "query_range", "labels", "label", "label/{name}/values", "series",
                "index/stats", "index/volume", "index/volume_range", "patterns", "detected_labels",
                "detected_fields", "detected_field/{name}/values")) {
            add(GET_POST, "/loki/api/v1/" + p, multiRead);
        }
        for (String p : List.of("query", "label", "label/{name}/values", "series")) {
            add(GET_POST, "/api/prom/" + p, multiRead);
        }
        add(GET_POST, "/loki/api/v1/index/shards", singleRead);
        add(GET, "/loki/api/v1/tail", singleRead);
        add(GET, "/api/prom/tail", singleRead);
        add(GET, "/loki/api/v1/drilldown-limits", singleRead);
        add(GET, "/config/tenant/v1/limits", singleRead);
        add(POST, "/loki/api/v1/push", write);
        add(POST, "/api/prom/push", write);
        add(POST, "/otlp/v1/logs", write);
        add(Set.of("GET", "HEAD", "POST", "PUT", "DELETE"), "/loki/api/v1/delete", delete);
        for (String prefix : List.of("/loki/api/v1/rules", "/api/prom/rules")) {
            add(GET, prefix, rulesRead);
            add(GET, prefix + "/{namespace}", rulesRead);
            add(GET, prefix + "/{namespace}/{group}", rulesRead);
            add(POST, prefix + "/{namespace}", rulesWrite);
            add(DELETE, prefix + "/{namespace}", rulesWrite);
            add(DELETE, prefix + "/{namespace}/{group}", rulesWrite);
        }
        add(GET, "/prometheus/api/v1/rules", rulesRead);
        add(GET, "/prometheus/api/v1/alerts", rulesRead);
        add(Set.of("GET", "HEAD", "POST"), "/flush", new RouteAccess(true, Scope.LOGS_WRITE, Tenancy.NONE));
        add(POST, "/flush/tenant", write);
        for (String p : List.of("/ready", "/metrics", "/loki/api/v1/status/buildinfo", "/config", "/services",
                "/log_level", "/ring", "/distributor/ring", "/ruler/ring", "/compactor/ring", "/indexgateway/ring")) {
            add(GET, p, RouteAccess.PUBLIC);
        }
        add(GET_POST, "/loki/api/v1/format_query", RouteAccess.PUBLIC);
    }

    private ScopePolicy() {}

    private static void add(Set<String> methods, String pattern, RouteAccess access) {
        ROUTES.add(new Route(methods, pattern.substring(1).split("/"), access));
    }

    /** What the route needs; {@link RouteAccess#UNKNOWN} when it is not in the table. */
    public static RouteAccess lookup(String method, String path) {
        String m = method.toUpperCase(Locale.ROOT);
        String p = path;
        int q = p.indexOf('?');
        if (q >= 0) {
            p = p.substring(0, q);
        }
        if (p.length() > 1 && p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        if (!p.startsWith("/")) {
            return RouteAccess.UNKNOWN;
        }
        String[] segs = p.substring(1).split("/", -1);
        for (Route r : ROUTES) {
            if (r.methods().contains(m) && matches(r.segments(), segs)) {
                return r.access();
            }
        }
        return RouteAccess.UNKNOWN;
    }

    /**
     * Looks the route up and checks the identity holds its scope.
     *
     * @throws StrataException 403 naming the missing scope
     */
    public static RouteAccess authorize(Identity identity, String method, String path) {
        RouteAccess access = lookup(method, path);
        if (access.known() && access.scope() != null && !identity.has(access.scope())) {
            throw new StrataException(ErrorCategory.FORBIDDEN, "access denied: '" + identity.principal()
                    + "' lacks the scope " + access.scope().text() + " needed for " + method.toUpperCase(Locale.ROOT)
                    + " " + Identity.printable(path));
        }
        return access;
    }

    private static boolean matches(String[] pattern, String[] segs) {
        if (pattern.length != segs.length) {
            return false;
        }
        for (int i = 0; i < pattern.length; i++) {
            String s = segs[i];
            if (s.isEmpty() || s.equals(".") || s.equals("..")) {
                return false;
            }
            if (pattern[i].startsWith("{")) {
                continue;
            }
            if (!pattern[i].equals(s)) {
                return false;
            }
        }
        return true;
    }
}
