package io.strata.api;

import io.strata.tenant.TenantResolver;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Singleton;

/**
 * The one place where a request becomes a {@link Caller}: every handler asks here and nowhere
 * else, so authentication modes, scopes, tenant injection and access policies apply to every
 * route alike.
 */
@Singleton
public class RequestTenancy {
    private final TenantResolver resolver;

    RequestTenancy(TenantResolver resolver) {
        this.resolver = resolver;
    }

    /** Caller of a read route (query, labels, series, ...): may be multi-tenant when allowed. */
    public Caller read(RoutingContext ctx) {
        return single(ctx);
    }

    /** Caller of a single-tenant route (push, tail, ruler): {@code a|b} is refused. */
    public Caller single(RoutingContext ctx) {
        return Caller.of(resolver.singleTenant(ctx.request().getHeader("X-Scope-OrgID")));
    }
}
