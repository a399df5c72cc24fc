package io.strata.api;

import io.strata.logql.syntax.LogExpr;
import io.strata.logql.syntax.LogqlParser;
import io.strata.logql.syntax.LogqlPrinter;
import io.strata.model.Matcher;
import io.strata.model.StrataException;
import io.strata.query.IndexStatistics;
import io.strata.query.QueryService;
import io.strata.query.VolumeRequest;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code index/stats}, {@code index/volume}, {@code index/volume_range} (API.md §2.7–2.8) and
 * {@code format_query} (§5.4).
 */
@Singleton
public class IndexHandler {
    private final ReadRequests requests;
    private final QueryService service;

    IndexHandler(ReadRequests requests, QueryService service) {
        this.requests = requests;
        this.service = service;
    }

    /** Parameters are read as Loki's {@code ParseIndexStatsQuery} (a full range query) reads them. */
    void stats(RoutingContext ctx) {
        ReadRequest r = requests.open(ctx);
        QueryParams p = r.params;
        QueryParams.Bounds b = p.orderedBounds();
        p.limit();
        p.direction();
        p.step(b);
        p.interval();
        List<Matcher> matchers = labelMatchers(p.query());
        long start = r.limitRange(b.startNanos(), b.endNanos());
        QueryHandler.json(ctx, ResponseJson.indexStats(start > b.endNanos() ? IndexStatistics.EMPTY
                : service.indexStatistics(r.context(), matchers, start, QueryHandler.through(b))));
    }

    /**
     * Parameters in the order of Loki's {@code ParseVolumeInstantQuery} / {@code ParseVolumeRangeQuery}:
     * the volume limit (0 = 100), then the instant query's {@code time} and {@code direction} or the
     * range query's bounds, direction, step and interval, then {@code aggregateBy}.
     */
    void volume(RoutingContext ctx, boolean range) {
        ReadRequest r = requests.open(ctx);
        QueryParams p = r.params;
        int limit = volumeLimit(p.get("limit"));
        QueryParams.Bounds b;
        long step = 0;
        if (range) {
            b = p.orderedBounds();
            p.direction();
            step = p.step(b);
            p.interval();
        } else {
            p.time();
            p.direction();
            b = null;
        }
        String aggregateBy = p.get("aggregateBy");
        boolean byLabels = switch (aggregateBy) {
            case "", "series" -> false;
            case "labels" -> true;
            default -> throw StrataException.badRequest("invalid aggregation option");
        };
        if (b == null) {
            b = p.orderedBounds();
        }
        // Loki's volume querier lets the literal "{}" through as "match any"
        List<Matcher> matchers = p.query().equals("{}") ? List.of() : labelMatchers(p.query());
        List<String> targets = new ArrayList<>();
        for (String t : p.get("targetLabels").split(",")) {
            if (!t.isBlank()) {
                targets.add(t.trim());
            }
        }
        VolumeRequest request = new VolumeRequest(matchers, b.startNanos(), QueryHandler.through(b), step, limit,
                targets, byLabels);
        var result = service.volume(r.context(), request);
        QueryHandler.json(ctx, ResponseJson.volume(result, r.statistics()));
    }

    /** Loki's {@code syntax.ParseMatchers(query, true)}: a validated selector without pipeline stages. */
    static List<Matcher> labelMatchers(String query) {
        LogExpr e = LogqlParser.parseLogSelector(query, true);
        if (!e.stages().isEmpty()) {
            throw StrataException.badRequest("only label matchers are supported");
        }
        return e.matchers();
    }

    /** Loki's {@code volumeLimit}: default and 0 mean 100; negative 400; above uint32 400 as {@code limit}. */
    static int volumeLimit(String v) {
        long l = QueryContexts.atoi(v, 100);
        if (l == 0) {
            return 100;
        }
        if (l < 0) {
            throw StrataException.badRequest("limit must be a positive value");
        }
        if (l > 0xFFFFFFFFL) {
            throw StrataException.badRequest("limit value " + l + " is out of range [0, 4294967295]");
        }
        return (int) Math.min(l, Integer.MAX_VALUE);
    }

    /** 3.x: 200 {@code {"status":"success","data":"<pretty>"}}; a parse error 400 {@code invalid-query}. */
    void formatQuery(RoutingContext ctx) {
        String query = ctx.request().params().get("query");
        String formatted;
        try {
            formatted = LogqlPrinter.pretty(LogqlParser.parse(query == null ? "" : query));
        } catch (StrataException e) {
            ctx.response().setStatusCode(400).putHeader("Content-Type", "application/json; charset=utf-8")
                    .end(Buffer.buffer(ResponseJson.formatQuery(null, e.getMessage())));
            return;
        }
        ctx.response().putHeader("Content-Type", "application/json; charset=utf-8")
                .end(Buffer.buffer(ResponseJson.formatQuery(formatted, null)));
    }
}
