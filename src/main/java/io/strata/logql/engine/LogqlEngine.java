package io.strata.logql.engine;

import io.strata.logql.syntax.Expr;
import io.strata.logql.syntax.LogExpr;
import io.strata.model.StrataException;
import java.util.Objects;

/**
 * The entry point of LogQL evaluation: parse, plan, evaluate against a {@link Querier}. Pure
 * Java, no I/O of its own; thread-safe (every call builds its own plan and operators).
 */
public final class LogqlEngine {
    private final Querier querier;
    private final EngineOptions options;
    private final Planner planner = new Planner();

    public LogqlEngine(Querier querier, EngineOptions options) {
        this.querier = Objects.requireNonNull(querier, "querier");
        this.options = Objects.requireNonNull(options, "options");
    }

    /** Parses and runs a query; failures are {@link StrataException}s with Loki's texts. */
    public QueryResult query(QueryRequest request, QueryGuard guard) {
        return execute(parse(request.query()), request, guard);
    }

    private static Expr parse(String query) {
        throw new StrataException(io.strata.model.ErrorCategory.INTERNAL, "parser not wired yet"); // PARSER
    }

    public QueryResult query(QueryRequest request) {
        return query(request, QueryGuard.NONE);
    }

    /** Runs an already parsed query. */
    public QueryResult execute(Expr expr, QueryRequest request, QueryGuard guard) {
        if (expr instanceof LogExpr) {
            if (request.instant()) {
                throw EngineErrors.logQueryAsInstant();
            }
            if (options.maxEntriesLimitPerQuery() > 0 && request.limit() > options.maxEntriesLimitPerQuery()) {
                throw EngineErrors.maxEntries(request.limit(), options.maxEntriesLimitPerQuery());
            }
        }
        return execute(planner.plan(expr), request, guard);
    }

    /** Runs a plan (tests and the {@code query} package may build plans directly). */
    public QueryResult execute(Plan plan, QueryRequest request, QueryGuard guard) {
        guard.check();
        return switch (plan) {
            case Plan.LogSelection l -> new LogQueryEvaluator(querier, guard).run(l, request.startNanos(),
                    request.endNanos(), request.limit(), request.direction(), request.intervalNanos());
            case Plan.Metric m -> metric(m, request, guard);
        };
    }

    private QueryResult metric(Plan.Metric plan, QueryRequest request, QueryGuard guard) {
        MetricEvaluation evaluation = new MetricEvaluation(querier, guard, options.maxQuerySeries());
        if (request.instant()) {
            return evaluation.instant(plan, request.startNanos());
        }
        if (usesApproxTopk(plan)) {
            throw StrataException.badRequest("count min sketches are only supported on instant queries");
        }
        long step = request.stepNanos();
        long start = request.startNanos();
        long end = request.endNanos();
        if (step <= 0) {
            throw StrataException.badRequest(
                    "zero or negative query resolution step widths are not accepted. Try a positive integer");
        }
        if (options.alignRangeSteps()) {
            start = Math.floorDiv(start, step) * step;
            end = -Math.floorDiv(-end, step) * step;
        }
        return evaluation.range(plan, start, end, step);
    }

    private static boolean usesApproxTopk(Plan.Metric plan) {
        return switch (plan) {
            case Plan.VectorAggregation v -> v.op() == VectorOp.APPROX_TOPK || usesApproxTopk(v.inner());
            case Plan.Binary b -> usesApproxTopk(b.left()) || usesApproxTopk(b.right());
            case Plan.LabelReplace r -> usesApproxTopk(r.inner());
            default -> false;
        };
    }
}
