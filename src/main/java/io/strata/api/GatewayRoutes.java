package io.strata.api;

import io.strata.model.ErrorCategory;
import io.strata.model.StrataException;
import io.strata.tenant.auth.AuthMethod;
import io.strata.tenant.auth.CompositeAuthenticator;
import io.strata.tenant.overrides.TenantsDirectory;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Puts {@link RequestTenancy#admit} in front of every route: after the request-metrics handler and
 * the route-name tags (order -10), before any handler or body handler (default orders), so an
 * unauthenticated client never gets its body read. With {@code jwt} or {@code basic} the check runs
 * on the worker pool (a bcrypt check or a JWKS fetch must not block the event loop); for
 * {@code header} and {@code none} it costs a few map lookups and stays on the event loop.
 */
@ApplicationScoped
public class GatewayRoutes {
    /** After {@code HttpRoutes}' tags (-10) and push size check (-9), before every handler. */
    static final int ORDER = -5;

    @Inject
    RequestTenancy tenancy;

    @Inject
    CompositeAuthenticator authenticator;

    @Inject
    TenantsDirectory tenantsDirectory; // started with the router, so tenants/ is loaded and watched from boot

    void init(@Observes Router router) {
        Route route = router.route().order(ORDER);
        boolean cheap = authenticator.modes().stream().allMatch(m -> m == AuthMethod.NONE || m == AuthMethod.HEADER);
        if (cheap) {
            route.handler(this::admit);
        } else {
            route.blockingHandler(this::admit, false);
        }
    }

    private void admit(RoutingContext ctx) {
        try {
            tenancy.admit(ctx);
        } catch (StrataException e) {
            refuse(ctx, e);
            return;
        } catch (RuntimeException e) {
            ErrorResponses.write(ctx, e);
            return;
        }
        ctx.next();
    }

    private void refuse(RoutingContext ctx, StrataException e) {
        if (e.category() == ErrorCategory.UNAUTHENTICATED) {
            String challenge = tenancy.challenge();
            if (challenge != null && !ctx.response().headWritten()) {
                ctx.response().putHeader("WWW-Authenticate", challenge);
            }
        }
        ErrorResponses.write(ctx, e);
    }
}
