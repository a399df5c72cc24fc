package io.strata.api;

import io.strata.model.ErrorCategory;
import io.strata.model.Labels;
import io.strata.model.StrataException;
import io.strata.tenant.access.AccessPolicy;
import io.strata.tenant.auth.CompositeAuthenticator;
import io.strata.tenant.auth.Identity;
import io.strata.tenant.auth.RequestHeaders;
import io.strata.tenant.auth.RouteAccess;
import io.strata.tenant.auth.ScopePolicy;
import io.strata.tenant.auth.Tenancy;
import io.strata.tenant.auth.TenantResolution;
import io.strata.tenant.auth.TenantSelection;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The one place where a request becomes a {@link Caller}: every handler asks here and nowhere
 * else, so authentication modes, scopes, tenant injection and access policies apply to every
 * route alike.
 *
 * <p>{@link #admit} runs first on every request ({@link GatewayRoutes}, before any body is read):
 * it authenticates (401), checks the route's scope ({@link ScopePolicy}, 403), resolves the
 * tenant(s) from the identity and {@code X-Scope-OrgID} ({@link TenantResolution}: injected when
 * absent, 403 for a tenant not held, {@code a|b} only on read routes when enabled) and keeps the
 * result in the {@link RoutingContext}. The client's {@code X-Prom-Label-Policy} is dropped and its
 * {@code X-Scope-OrgID} is replaced by the resolved one, so nothing downstream sees a spoofed value.
 * A handler on a path the scope table does not know resolves lazily in {@link #read}/{@link #single};
 * such a path is only open to identities holding every scope (modes {@code header} and
 * {@code none}), so a route added without a scope rule fails closed.
 */
@Singleton
public class RequestTenancy {
    static final String IDENTITY_KEY = "strata.identity";
    static final String ACCESS_KEY = "strata.access";
    static final String SELECTION_KEY = "strata.tenants";

    private final CompositeAuthenticator authenticator;
    private final TenantResolution resolution;

    RequestTenancy(CompositeAuthenticator authenticator, TenantResolution resolution) {
        this.authenticator = authenticator;
        this.resolution = resolution;
    }

    /** Caller of a read route (query, labels, series, ...): may be multi-tenant when allowed. */
    public Caller read(RoutingContext ctx) {
        return caller(ctx, Tenancy.MULTI);
    }

    /** Caller of a single-tenant route (push, tail, ruler): {@code a|b} is refused. */
    public Caller single(RoutingContext ctx) {
        return caller(ctx, Tenancy.SINGLE);
    }

    /** The {@code WWW-Authenticate} value to send with a 401, or null. */
    String challenge() {
        return authenticator.challenge();
    }

    /**
     * Authenticates and authorizes a request before its handler runs; public and unknown paths pass
     * untouched (apart from dropping {@code X-Prom-Label-Policy}).
     *
     * @throws StrataException 400 / 401 / 403
     */
    void admit(RoutingContext ctx) {
        MultiMap headers = ctx.request().headers();
        headers.remove(RequestHeaders.LABEL_POLICY);
        String method = ctx.request().method().name();
        RouteAccess access = ScopePolicy.lookup(method, path(ctx));
        if (!access.known() || access.isPublic()) {
            return;
        }
        Identity identity = identity(ctx);
        ScopePolicy.authorize(identity, method, path(ctx));
        ctx.put(ACCESS_KEY, access);
        String orgId = headers.get(RequestHeaders.ORG_ID);
        boolean deferred = access.tenancy() == Tenancy.SINGLE && orgId != null && orgId.indexOf('|') >= 0;
        // a|b on a single-tenant route is refused by the handler itself, in its own Loki text
        // (push and tail: 400 text; ruler YAML API: 500 JSON; ruler JSON API: 400 JSON)
        if (access.tenancy() != Tenancy.NONE && !deferred) {
            select(ctx, identity, access.tenancy());
        }
    }

    private Caller caller(RoutingContext ctx, Tenancy tenancy) {
        TenantSelection selection = ctx.get(SELECTION_KEY);
        if (selection == null) {
            Identity identity = identity(ctx);
            RouteAccess access = ctx.get(ACCESS_KEY);
            if (access == null && !identity.scopes().containsAll(Identity.allScopes())) {
                throw new StrataException(ErrorCategory.FORBIDDEN, "access denied: '" + identity.principal()
                        + "' may not use " + method(ctx) + " " + printable(path(ctx))
                        + " (the route has no scope rule)");
            }
            selection = select(ctx, identity, tenancy);
        }
        if (tenancy == Tenancy.SINGLE && selection.multi()) {
            throw StrataException.badRequest("multiple org IDs present");
        }
        return caller(selection);
    }

    private Identity identity(RoutingContext ctx) {
        Identity identity = ctx.get(IDENTITY_KEY);
        if (identity == null) {
            MultiMap headers = ctx.request().headers();
            identity = authenticator.authenticate(headers::getAll);
            ctx.put(IDENTITY_KEY, identity);
        }
        return identity;
    }

    private TenantSelection select(RoutingContext ctx, Identity identity, Tenancy tenancy) {
        MultiMap headers = ctx.request().headers();
        TenantSelection selection = resolution.resolve(identity, headers.get(RequestHeaders.ORG_ID), tenancy);
        headers.set(RequestHeaders.ORG_ID, selection.orgId());
        ctx.put(SELECTION_KEY, selection);
        return selection;
    }

    /** The {@link Caller} of a selection: its tenants, and a stream filter per restricted tenant. */
    static Caller caller(TenantSelection selection) {
        Map<String, Predicate<Labels>> filters = new HashMap<>();
        for (String tenant : selection.tenants()) {
            AccessPolicy policy = selection.policy(tenant);
            if (!policy.unrestricted()) {
                filters.put(tenant, policy::allows);
            }
        }
        return new Caller(selection.tenants(), filters);
    }

    private static String path(RoutingContext ctx) {
        String p = ctx.normalizedPath();
        return p == null ? ctx.request().path() : p;
    }

    private static String printable(String s) {
        String cut = s.length() > 200 ? s.substring(0, 200) + "..." : s;
        return cut.replaceAll("[\\x00-\\x1f\\x7f]", "?");
    }

    private static String method(RoutingContext ctx) {
        return ctx.request().method().name();
    }
}
