package io.strata.api;

import io.strata.cluster.Role;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Serves only the routes of this process's role, as Loki's targets register only their modules'
 * routes: a path of another role answers Loki's {@code 404 page not found}. Every role answers
 * {@code /ready} (503 while stopping), {@code /metrics} and buildinfo. Runs right after the metrics
 * handler, before any body is read.
 */
@ApplicationScoped
public class RoleRoutes {
    @Inject
    Roles roles;

    @Inject
    StorageLifecycle storage;

    void init(@Observes Router router) {
        router.route().order(-900).handler(this::gate);
    }

    private void gate(RoutingContext ctx) {
        String path = ctx.normalizedPath();
        if (path.equals("/ready") && storage.stopping()) {
            ctx.put(HttpRoutes.ROUTE_KEY, "ready");
            ErrorResponses.text(ctx, 503, "Strata is stopping");
            return;
        }
        if (!allowed(roles.role(), path)) {
            ErrorResponses.text(ctx, 404, "404 page not found");
            return;
        }
        ctx.next();
    }

    /** Which role a path belongs to; paths of no role (ready, metrics, buildinfo, unknown) pass. */
    static boolean allowed(Role role, String path) {
        return switch (owner(path)) {
            case WRITE -> role.acceptsWrites();
            case READ -> role.servesQueries();
            case BACKEND -> role.runsBackend();
            case ALL -> true;
        };
    }

    static Role owner(String path) {
        if (path.startsWith("/loki/api/v1/push") || path.startsWith("/api/prom/push") || path.equals("/flush")
                || path.startsWith(InternalRoutes.PREFIX)) {
            return Role.WRITE;
        }
        if (path.startsWith("/loki/api/v1/rules") || path.startsWith("/api/prom/rules")
                || path.startsWith("/prometheus/") || path.startsWith("/api/prom/api/v1/")
                || path.startsWith("/loki/api/v1/delete") || path.startsWith("/compactor/")) {
            return Role.BACKEND;
        }
        if (path.equals("/loki/api/v1/status/buildinfo")) {
            return Role.ALL;
        }
        if (path.startsWith("/loki/api/v1/") || path.startsWith("/api/prom/")) {
            return Role.READ;
        }
        return Role.ALL;
    }
}
