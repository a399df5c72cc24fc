package io.strata.api;

import io.strata.model.StrataException;
import io.strata.tenant.TenantLimits;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * {@code GET /config/tenant/v1/limits}: the caller tenant's published limits ({@link PublishedLimits})
 * as YAML, {@code text/plain; charset=utf-8}, as Loki's tenant limits handler writes them; 401
 * with the tenancy error text when there is no single tenant.
 */
@ApplicationScoped
public class TenantLimitsRoutes {
    static final String PATH = "/config/tenant/v1/limits";

    @Inject
    RequestTenancy tenancy;

    @Inject
    TenantLimits limits;

    void init(@Observes Router router) {
        router.route(PATH).order(-10).handler(ctx -> {
            ctx.put(HttpRoutes.ROUTE_KEY, "config_tenant_v1_limits");
            ctx.next();
        });
        router.route(PATH).method(HttpMethod.GET).blockingHandler(this::limits, false);
    }

    void limits(RoutingContext ctx) {
        Caller caller;
        try {
            caller = tenancy.single(ctx);
        } catch (StrataException e) {
            ErrorResponses.text(ctx, 401, e.getMessage());
            return;
        }
        try {
            String yaml = PublishedLimits.yaml(PublishedLimits.of(limits.forTenant(caller.tenant())));
            ctx.response().putHeader("Content-Type", "text/plain; charset=utf-8").end(yaml);
        } catch (RuntimeException e) {
            ErrorResponses.write(ctx, e);
        }
    }
}
