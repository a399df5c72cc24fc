package io.strata.api;

import io.strata.logql.syntax.LogqlParser;
import io.strata.logql.syntax.LogqlPrinter;
import io.strata.model.Matcher;
import io.strata.model.StrataException;
import io.strata.query.IndexStatistics;
import io.strata.query.QueryService;
import io.strata.query.VolumeRequest;
import io.strata.tenant.TenantLimits;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code index/stats}, {@code index/volume}, {@code index/volume_range} (API.md §2.7–2.8) and
 * {@code format_query} (§5.4).
 */
@Singleton
public class IndexHandler {
    private final RequestTenancy tenancy;
    private final QueryService service;
    private final TenantLimits limits;
    private final Clock clock;
    private final QueryTracker tracker;

    IndexHandler(RequestTenancy tenancy, QueryService service, TenantLimits limits, Clock clock,
            QueryTracker tracker) {
        this.tracker = tracker;
        this.tenancy = tenancy;
        this.service = service;
        this.limits = limits;
        this.clock = clock;
    }

    void stats(RoutingContext ctx) {
        ReadRequest r = ReadRequest.of(ctx, tenancy, limits, clock, tracker);
        QueryParams.Bounds b = r.params.orderedBounds();
        List<Matcher> matchers = LogqlParser.parseLogSelector(r.params.query(), true).matchers();
        long start = r.limitRange(b.startNanos(), b.endNanos());
        QueryHandler.json(ctx, ResponseJson.indexStats(start > b.endNanos() ? IndexStatistics.EMPTY
                : service.indexStatistics(r.context(), matchers, start, QueryHandler.through(b))));
    }

    void volume(RoutingContext ctx, boolean range) {
        ReadRequest r = ReadRequest.of(ctx, tenancy, limits, clock, tracker);
        QueryParams p = r.params;
        QueryParams.Bounds b = p.orderedBounds();
        List<Matcher> matchers = LogqlParser.parseLogSelector(p.query(), true).matchers();
        int limit = 100;
        if (!p.get("limit").isEmpty()) {
            limit = p.limit();
        }
        long step = range ? p.step(b) : 0;
        String aggregateBy = p.get("aggregateBy");
        boolean byLabels = switch (aggregateBy) {
            case "", "series" -> false;
            case "labels" -> true;
            default -> throw StrataException.badRequest("invalid aggregation option");
        };
        List<String> targets = new ArrayList<>();
        for (String t : p.get("targetLabels").split(",")) {
            if (!t.isBlank()) {
                targets.add(t.trim());
            }
        }
        VolumeRequest request = new VolumeRequest(matchers, b.startNanos(), QueryHandler.through(b), step, limit,
                targets, byLabels);
        var result = service.volume(r.context(), request);
        QueryHandler.json(ctx, ResponseJson.volume(result, range, r.statistics()));
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
