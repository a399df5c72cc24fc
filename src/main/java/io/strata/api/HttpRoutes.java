package io.strata.api;

import io.strata.config.StrataConfig;
import io.strata.metrics.HttpMetrics;
import io.strata.metrics.MetricsRegistry;
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
 * Registers every HTTP route of Strata on Quarkus' Vert.x router. Handlers that touch storage
 * run on the worker pool ({@code blockingHandler}); every handler's exceptions go through
 * {@link ErrorResponses}. Unknown paths answer 404 {@code 404 page not found}, known paths with
 * an unregistered method 405, as Loki's Go mux does.
 */
@ApplicationScoped
public class HttpRoutes {
    static final String ROUTE_KEY = "strata.route";

    @Inject
    StrataConfig config;

    @Inject
    PushHandler push;

    @Inject
    QueryHandler query;

    @Inject
    HttpMetrics httpMetrics;

    @Inject
    MetricsRegistry metricsRegistry;

    @Inject
    StorageLifecycle storage;

    void init(@Observes Router router) {
        router.route().order(-1000).handler(this::measure);
        long maxBody = config.maxRecvMsgSizeBytes();

        for (String path : new String[] {"/loki/api/v1/push", "/api/prom/push"}) {
            boolean legacy = path.startsWith("/api/prom");
            // a route of its own, so the size check runs before the body handler reads anything
            router.route(path).order(-10).handler(tag(legacy ? "api_prom_push" : "loki_api_v1_push"));
            router.route(path).order(-9).method(HttpMethod.POST).handler(push::checkContentLength);
            router.route(path).method(HttpMethod.POST)
                    .handler(BodyHandler.create(false).setBodyLimit(maxBody + 1))
                    .blockingHandler(guard(ctx -> push.push(ctx, legacy)), false);
        }

        query(router, "/loki/api/v1/query_range", "loki_api_v1_query_range", query::queryRange);
        query(router, "/loki/api/v1/query", "loki_api_v1_query", query::instantQuery);
        query(router, "/loki/api/v1/labels", "loki_api_v1_labels", ctx -> query.labels(ctx, false));
        query(router, "/loki/api/v1/label", "loki_api_v1_label", ctx -> query.labels(ctx, false));
        query(router, "/loki/api/v1/label/:name/values", "loki_api_v1_label_name_values",
                ctx -> query.labelValues(ctx, false));
        query(router, "/loki/api/v1/series", "loki_api_v1_series", query::series);
        query(router, "/api/prom/label", "api_prom_label", ctx -> query.labels(ctx, true));
        query(router, "/api/prom/label/:name/values", "api_prom_label_name_values",
                ctx -> query.labelValues(ctx, true));
        query(router, "/api/prom/series", "api_prom_series", query::series);

        router.route("/ready").method(HttpMethod.GET).handler(ctx -> {
            named(ctx, "ready");
            ctx.response().putHeader("Content-Type", "text/plain; charset=utf-8").end("ready\n");
        });
        router.route("/metrics").method(HttpMethod.GET).blockingHandler(ctx -> {
            named(ctx, "metrics");
            ctx.response().putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
                    .end(metricsRegistry.scrape());
        }, false);
        // Loki's /flush: cut and flush every in-memory chunk now, 204
        router.route("/flush").method(HttpMethod.GET).method(HttpMethod.POST).blockingHandler(guard(ctx -> {
            named(ctx, "flush");
            storage.storage().flushAll();
            ctx.response().setStatusCode(204).end();
        }), false);
        router.route("/loki/api/v1/status/buildinfo").method(HttpMethod.GET).handler(ctx -> {
            named(ctx, "loki_api_v1_status_buildinfo");
            ctx.response().putHeader("Content-Type", "application/json").end(io.vertx.core.buffer.Buffer.buffer(BuildInfo.json()));
        });

        router.errorHandler(404, ctx -> ErrorResponses.text(ctx, 404, "404 page not found"));
        router.errorHandler(405, ctx -> {
            if (!ctx.response().ended()) {
                ctx.response().setStatusCode(405).end();
            }
        });
        router.errorHandler(413, ctx -> ErrorResponses.text(ctx, 413,
                "request body too large: message size too large than max (" + bodySize(ctx) + " vs " + maxBody + ")"));
        router.errorHandler(500, ctx -> ErrorResponses.write(ctx,
                ctx.failure() != null ? ctx.failure() : new IllegalStateException("internal error")));
    }

    private void query(Router router, String path, String name, Handler<RoutingContext> handler) {
        router.route(path).order(-10).handler(tag(name));
        router.route(path).method(HttpMethod.GET).method(HttpMethod.POST)
                .handler(BodyHandler.create(false).setBodyLimit(16L << 20))
                .blockingHandler(guard(handler), false);
    }

    private static Handler<RoutingContext> tag(String route) {
        return ctx -> {
            ctx.put(ROUTE_KEY, route);
            ctx.next();
        };
    }

    private static void named(RoutingContext ctx, String route) {
        ctx.put(ROUTE_KEY, route);
    }

    private static String bodySize(RoutingContext ctx) {
        String cl = ctx.request().getHeader("Content-Length");
        return cl == null ? "unknown" : cl;
    }

    private static Handler<RoutingContext> guard(Handler<RoutingContext> h) {
        return ctx -> {
            try {
                h.handle(ctx);
            } catch (StrataException e) {
                ErrorResponses.write(ctx, e);
            } catch (RuntimeException | Error e) {
                ErrorResponses.write(ctx, e);
            }
        };
    }

    private void measure(RoutingContext ctx) {
        long start = System.nanoTime();
        String method = ctx.request().method().name();
        ctx.addEndHandler(v -> {
            String route = ctx.get(ROUTE_KEY);
            httpMetrics.observe(method, route == null ? "other" : route, ctx.response().getStatusCode(),
                    System.nanoTime() - start);
        });
        ctx.next();
    }
}
