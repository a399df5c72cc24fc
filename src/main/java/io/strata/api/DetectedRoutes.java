package io.strata.api;

import io.strata.logql.engine.EngineOptions;
import io.strata.logql.engine.QueryRequest;
import io.strata.logql.engine.QueryResult;
import io.strata.logql.syntax.LogqlParser;
import io.strata.model.Direction;
import io.strata.model.Matcher;
import io.strata.model.SelectorParser;
import io.strata.model.StrataException;
import io.strata.query.DetectedFields;
import io.strata.query.DetectedLabels;
import io.strata.query.QueryContext;
import io.strata.query.PatternMiner;
import io.strata.query.QueryService;
import io.strata.tenant.TenantLimits;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Logs Drilldown's metadata routes (API.md §2.9, §5.4): {@code detected_labels},
 * {@code detected_fields}, {@code detected_field/{name}/values}, {@code patterns} (mined from the
 * newest sampled lines when {@code pattern-ingester.enabled}; else 404 with an empty body, as Loki
 * without a pattern ingester) and {@code drilldown-limits}.
 */
@ApplicationScoped
public class DetectedRoutes {
    static final int DEFAULT_LINE_LIMIT = 100;
    static final int DEFAULT_FIELD_LIMIT = 1000;
    /** Newest lines of the window the pattern miner reads. */
    static final int PATTERN_SAMPLE_LINES = 20_000;

    @Inject
    RequestTenancy tenancy;

    @Inject
    StorageLifecycle storage;

    @Inject
    TenantLimits limits;

    @Inject
    Clock clock;

    /** Patterns need Loki's pattern ingester, disabled by default: then the route answers 404 as Loki does. */
    @ConfigProperty(name = "pattern-ingester.enabled", defaultValue = "false")
    boolean patternsEnabled;

    void init(@Observes Router router) {
        route(router, "/loki/api/v1/detected_labels", "loki_api_v1_detected_labels", this::detectedLabels);
        route(router, "/loki/api/v1/detected_fields", "loki_api_v1_detected_fields", ctx -> detectedFields(ctx, null));
        route(router, "/loki/api/v1/detected_field/:name/values", "loki_api_v1_detected_field_name_values",
                ctx -> detectedFields(ctx, ctx.pathParam("name")));
        route(router, "/loki/api/v1/patterns", "loki_api_v1_patterns", this::patterns);
        router.route("/loki/api/v1/drilldown-limits").order(-10).handler(tag("loki_api_v1_drilldown_limits"));
        router.route("/loki/api/v1/drilldown-limits").method(HttpMethod.GET).blockingHandler(guard(this::drilldownLimits),
                false);
    }

    void detectedLabels(RoutingContext ctx) {
        Caller caller = tenancy.read(ctx);
        QueryParams p = QueryContexts.params(ctx, clock);
        QueryParams.Bounds b = p.orderedBounds();
        List<Matcher> selector = p.query().isBlank() ? List.of() : SelectorParser.parseSelector(p.query());
        QueryContext context = QueryContexts.of(caller, limits);
        long through = b.endNanos() == Long.MAX_VALUE ? Long.MAX_VALUE : b.endNanos() + 1;
        List<DetectedLabels.Label> found = DetectedLabels.detect(service(), context, selector, b.startNanos(), through);
        QueryContexts.json(ctx, DetectedJson.labels(found));
    }

    void detectedFields(RoutingContext ctx, String name) {
        Caller caller = tenancy.read(ctx);
        QueryParams p = QueryContexts.params(ctx, clock);
        QueryParams.Bounds b = p.orderedBounds();
        long lineLimit = QueryContexts.atoi(p.get("line_limit"), DEFAULT_LINE_LIMIT);
        if (lineLimit <= 0) {
            throw StrataException.badRequest("limit must be a positive value");
        }
        String limitText = p.get("limit").isEmpty() ? p.get("field_limit") : p.get("limit");
        long limit = QueryContexts.atoi(limitText, DEFAULT_FIELD_LIMIT);
        if (limit <= 0) {
            throw StrataException.badRequest("limit must be a positive value");
        }
        long step = p.step(b);
        LogqlParser.parseLogSelector(p.query(), true);
        if (caller.multiTenant()) {
            QueryContexts.json(ctx, DetectedJson.fields(List.of(), (int) limit));
            return;
        }
        QueryContext context = QueryContexts.of(caller, limits);
        QueryRequest request = new QueryRequest(p.query(), b.startNanos(), b.endNanos(), step, 0,
                (int) Math.min(lineLimit, Integer.MAX_VALUE), Direction.BACKWARD, false);
        QueryResult result = service().query(context, request);
        QueryResult.Streams sample = result instanceof QueryResult.Streams s ? s : new QueryResult.Streams(List.of());
        int fieldLimit = (int) Math.min(limit, Integer.MAX_VALUE);
        if (name != null) {
            QueryContexts.json(ctx, DetectedJson.values(new DetectedFields().values(sample, name, fieldLimit),
                    fieldLimit));
        } else {
            QueryContexts.json(ctx, DetectedJson.fields(new DetectedFields().fields(sample, fieldLimit), fieldLimit));
        }
    }

    void patterns(RoutingContext ctx) {
        Caller caller = tenancy.read(ctx);
        QueryParams p = QueryContexts.params(ctx, clock);
        QueryParams.Bounds b = p.bounds();
        long step = p.step(b);
        if (!patternsEnabled) {
            ctx.response().setStatusCode(404).end();
            return;
        }
        LogqlParser.parseLogSelector(p.query(), true);
        QueryContext base = QueryContexts.of(caller, limits);
        // the sample size is ours, not the caller's limit: lift max_entries_limit_per_query for it
        QueryContext context = new QueryContext(base.tenants(), base.streamFilters(),
                new EngineOptions(base.engineOptions().maxQuerySeries(), 0, true), base.guard(), base.statistics());
        QueryRequest request = new QueryRequest(p.query(), b.startNanos(), b.endNanos(), step, 0, PATTERN_SAMPLE_LINES,
                Direction.BACKWARD, false);
        QueryResult result = new QueryService(storage.reader()).query(context, request);
        PatternMiner miner = new PatternMiner(step);
        if (result instanceof QueryResult.Streams streams) {
            for (QueryResult.LogStream s : streams.streams()) {
                for (QueryResult.Entry e : s.entries()) {
                    miner.add(e.timestampNanos(), e.line(), level(e));
                }
            }
        }
        QueryContexts.json(ctx, DetectedJson.patterns(miner.patterns()));
    }

    private static String level(QueryResult.Entry e) {
        String l = e.structuredMetadata() == null ? null : e.structuredMetadata().get("detected_level");
        if (l == null && e.streamLabels() != null) {
            l = e.streamLabels().get("level");
        }
        return l == null ? "unknown" : l;
    }

    void drilldownLimits(RoutingContext ctx) {
        Caller caller;
        try {
            caller = tenancy.single(ctx);
        } catch (StrataException e) {
            ErrorResponses.text(ctx, 401, e.getMessage());
            return;
        }
        QueryContexts.json(ctx, DetectedJson.drilldownLimits(limits.forTenant(caller.tenant()), patternsEnabled,
                BuildInfo.VERSION));
    }

    private QueryService service() {
        return new QueryService(storage.reader());
    }

    private static void route(Router router, String path, String name, Handler<RoutingContext> handler) {
        router.route(path).order(-10).handler(tag(name));
        router.route(path).method(HttpMethod.GET).method(HttpMethod.POST)
                .handler(BodyHandler.create(false).setBodyLimit(16L << 20))
                .blockingHandler(guard(handler), false);
    }

    static Handler<RoutingContext> tag(String route) {
        return ctx -> {
            ctx.put(HttpRoutes.ROUTE_KEY, route);
            ctx.next();
        };
    }

    static Handler<RoutingContext> guard(Handler<RoutingContext> h) {
        return ctx -> {
            try {
                h.handle(ctx);
            } catch (RuntimeException | Error e) {
                ErrorResponses.write(ctx, e);
            }
        };
    }
}
