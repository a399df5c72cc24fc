package io.strata.api;

import io.strata.logql.engine.EngineErrors;
import io.strata.logql.engine.QueryRequest;
import io.strata.logql.engine.QueryResult;
import io.strata.logql.syntax.Expr;
import io.strata.logql.syntax.LogExpr;
import io.strata.logql.syntax.LogqlParser;
import io.strata.model.Direction;
import io.strata.model.Labels;
import io.strata.model.Matcher;
import io.strata.model.StrataException;
import io.strata.query.QueryContext;
import io.strata.query.QueryService;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;

/**
 * The LogQL read API (API.md §2.2–2.6): {@code query_range}, {@code query}, legacy
 * {@code /api/prom/query}, labels, label values and series, all through {@link QueryService} so
 * that access filters and multi-tenant reads apply everywhere. Parameters are parsed by
 * {@link QueryParams} in Loki's order; limits come from the caller's tenants.
 */
@Singleton
public class QueryHandler {
    private final ReadRequests requests;
    private final QueryService service;

    QueryHandler(ReadRequests requests, QueryService service) {
        this.requests = requests;
        this.service = service;
    }

    void queryRange(RoutingContext ctx) {
        ReadRequest r = requests.open(ctx);
        QueryParams p = r.params;
        QueryParams.Bounds b = p.orderedBounds();
        int limit = p.limit();
        Direction direction = p.direction();
        long step = p.step(b);
        long interval = p.interval();
        Expr expr = LogqlParser.parse(p.query());
        r.checkParallelism();
        long start = r.limitRange(b.startNanos(), b.endNanos());
        QueryRequest request = new QueryRequest(p.query(), start, b.endNanos(), step, interval, limit, direction,
                false);
        Outcome o = run(r, expr, request, ReadRequest.fromDrilldown(ctx));
        json(ctx, QueryResultJson.render(o.result, ReadRequest.categorize(ctx), direction, r.statistics(), o.warnings));
    }

    void instantQuery(RoutingContext ctx) {
        ReadRequest r = requests.open(ctx);
        QueryParams p = r.params;
        int limit = p.limit();
        long time = p.time();
        Direction direction = p.direction();
        Expr expr = LogqlParser.parse(p.query());
        if (expr instanceof LogExpr) {
            throw EngineErrors.logQueryAsInstant();
        }
        r.checkParallelism();
        if (r.clampStart(time) > time) {
            // Loki's limits middleware: an instant wholly before max_query_lookback answers an empty vector
            r.statistics().finish(0);
            json(ctx, QueryResultJson.render(new QueryResult.Vector(List.of()), ReadRequest.categorize(ctx), direction,
                    r.statistics(), List.of()));
            return;
        }
        QueryRequest request = QueryRequest.instant(p.query(), time).withLimit(limit).withDirection(direction);
        Outcome o = run(r, expr, request, ReadRequest.fromDrilldown(ctx));
        json(ctx, QueryResultJson.render(o.result, ReadRequest.categorize(ctx), direction, r.statistics(), o.warnings));
    }

    /** Legacy {@code /api/prom/query}: a log query over a range, with an optional {@code regexp} line filter. */
    void legacyQuery(RoutingContext ctx) {
        ReadRequest r = requests.open(ctx);
        QueryParams p = r.params;
        QueryParams.Bounds b = p.orderedBounds();
        int limit = p.limit();
        Direction direction = p.direction();
        p.step(b);
        p.interval();
        String query = p.query();
        Expr expr = LogqlParser.parse(query);
        if (!(expr instanceof LogExpr)) {
            throw StrataException.badRequest("legacy endpoints only support streams result type");
        }
        String regexp = p.get("regexp");
        if (!regexp.isEmpty()) {
            query = query + " |~ " + Labels.quote(regexp);
            expr = LogqlParser.parse(query);
        }
        r.checkParallelism();
        long start = r.limitRange(b.startNanos(), b.endNanos());
        QueryRequest request = new QueryRequest(query, start, b.endNanos(), 0, 0, limit, direction, false);
        Outcome o = run(r, expr, request, false);
        json(ctx, QueryResultJson.legacy((QueryResult.Streams) o.result, r.statistics()));
    }

    private record Outcome(QueryResult result, List<String> warnings) {}

    /**
     * Runs a query. Logs Drilldown gets the first {@code max_query_series} series and a warning
     * instead of the series-limit error (API.md §1.5).
     */
    private Outcome run(ReadRequest r, Expr expr, QueryRequest request, boolean drilldown) {
        if (request.startNanos() > request.endNanos()) {
            // max_query_lookback moved the start past the end: nothing may be read
            QueryResult empty = expr instanceof LogExpr ? new QueryResult.Streams(List.of())
                    : new QueryResult.Matrix(List.of());
            r.statistics().finish(0);
            return new Outcome(empty, List.of());
        }
        r.checkRangeIntervals(expr);
        int maxSeries = r.limits.maxQuerySeries();
        if (!drilldown || maxSeries <= 0 || expr instanceof LogExpr) {
            return new Outcome(service.query(r.context(), expr, request), List.of());
        }
        QueryResult result = service.query(r.context(0), expr, request);
        String warning = "maximum number of series (" + maxSeries + ") reached for a single query; "
                + "returning partial results";
        return switch (result) {
            case QueryResult.Matrix m when m.series().size() > maxSeries ->
                    new Outcome(new QueryResult.Matrix(m.series().subList(0, maxSeries)), List.of(warning));
            case QueryResult.Vector v when v.samples().size() > maxSeries ->
                    new Outcome(new QueryResult.Vector(v.samples().subList(0, maxSeries)), List.of(warning));
            default -> new Outcome(result, List.of());
        };
    }

    void labels(RoutingContext ctx, boolean legacy) {
        ReadRequest r = requests.open(ctx);
        QueryParams.Bounds b = r.params.bounds();
        List<Matcher> matchers = optionalSelector(r.params.query());
        r.checkParallelism();
        long start = r.limitRange(b.startNanos(), b.endNanos());
        r.checkReversed(b.startNanos(), b.endNanos());
        QueryContext c = r.context();
        List<String> names = start > b.endNanos() ? List.of()
                : service.labelNames(c, matchers, start, through(b));
        json(ctx, legacy ? ResponseJson.legacyValues(names) : ResponseJson.labelValues(names));
    }

    void labelValues(RoutingContext ctx, boolean legacy) {
        ReadRequest r = requests.open(ctx);
        String name = ctx.pathParam("name");
        QueryParams.Bounds b = r.params.bounds();
        List<Matcher> matchers = optionalSelector(r.params.query());
        r.checkParallelism();
        long start = r.limitRange(b.startNanos(), b.endNanos());
        r.checkReversed(b.startNanos(), b.endNanos());
        List<String> values = start > b.endNanos() ? List.of()
                : service.labelValues(r.context(), name, matchers, start, through(b));
        json(ctx, legacy ? ResponseJson.legacyValues(values) : ResponseJson.labelValues(values));
    }

    void series(RoutingContext ctx) {
        ReadRequest r = requests.open(ctx);
        QueryParams p = r.params;
        QueryParams.Bounds b = p.bounds();
        List<String> selectors = new ArrayList<>(p.getAll("match[]"));
        selectors.addAll(p.getAll("match"));
        selectors.removeIf(String::isBlank);
        List<List<Matcher>> parsed = new ArrayList<>();
        boolean all = selectors.isEmpty()
                || (selectors.size() == 1 && selectors.getFirst().replace(" ", "").equals("{}"));
        if (!all) {
            for (String sel : selectors) {
                parsed.add(LogqlParser.parseLogSelector(sel, false).matchers());
            }
        }
        r.checkParallelism();
        long start = r.limitRange(b.startNanos(), b.endNanos());
        r.checkReversed(b.startNanos(), b.endNanos());
        json(ctx, ResponseJson.series(start > b.endNanos() ? List.of()
                : service.series(r.context(), parsed, start, through(b))));
    }

    /** Metadata windows are inclusive of {@code end}; storage ranges are exclusive. */
    static long through(QueryParams.Bounds b) {
        return b.endNanos() == Long.MAX_VALUE ? Long.MAX_VALUE : b.endNanos() + 1;
    }

    /** The matchers of an optional {@code query=} (a stream selector or a full log query). */
    static List<Matcher> optionalSelector(String q) {
        return q.isBlank() ? List.of() : LogqlParser.parseLogSelector(q, true).matchers();
    }

    static void json(RoutingContext ctx, byte[] body) {
        // Quarkus marks non-annotated routes "identity"; let Vert.x gzip JSON for clients that accept it
        ctx.response().headers().remove("Content-Encoding");
        ctx.response().putHeader("Content-Type", "application/json").end(Buffer.buffer(body));
    }
}
