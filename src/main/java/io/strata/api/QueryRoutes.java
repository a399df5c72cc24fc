package io.strata.api;

import io.strata.model.StrataException;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Routes of the query API beyond the core ones in {@link HttpRoutes}: {@code format_query},
 * {@code index/stats}, {@code index/volume(_range)} and legacy {@code /api/prom/query}. GET and
 * POST (form body) alike, on the worker pool, tagged with Loki's route names for metrics.
 */
@ApplicationScoped
public class QueryRoutes {
    @Inject
    QueryHandler query;

    @Inject
    IndexHandler index;

    void init(@Observes Router router) {
        route(router, "/loki/api/v1/format_query", "loki_api_v1_format_query", index::formatQuery);
        route(router, "/loki/api/v1/index/stats", "loki_api_v1_index_stats", index::stats);
        route(router, "/loki/api/v1/index/volume", "loki_api_v1_index_volume", ctx -> index.volume(ctx, false));
        route(router, "/loki/api/v1/index/volume_range", "loki_api_v1_index_volume_range",
                ctx -> index.volume(ctx, true));
        route(router, "/api/prom/query", "api_prom_query", query::legacyQuery);
    }

    private static void route(Router router, String path, String name, Handler<RoutingContext> handler) {
        router.route(path).order(-10).handler(ctx -> {
            ctx.put(HttpRoutes.ROUTE_KEY, name);
            ctx.next();
        });
        router.route(path).method(HttpMethod.GET).method(HttpMethod.POST)
                .handler(BodyHandler.create(false).setBodyLimit(16L << 20))
                .blockingHandler(ctx -> {
                    try {
                        handler.handle(ctx);
                    } catch (StrataException | Error e) {
                        ErrorResponses.write(ctx, e);
                    } catch (RuntimeException e) {
                        ErrorResponses.write(ctx, e);
                    }
                }, false);
    }
}
