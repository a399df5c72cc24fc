package io.strata.logql.engine;

import io.strata.logql.syntax.Expr;
import io.strata.logql.syntax.LogExpr;
import io.strata.logql.syntax.LogqlParser;
import io.strata.model.StrataException;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * The entry point of LogQL evaluation: parse, plan, evaluate against a {@link Querier}. Pure
 * Java, no I/O and no threads of its own; thread-safe (every call builds its own plan and
 * operators). Given an executor, log queries run their streams' pipelines on it in parallel
 * ({@link StreamPrefetch}) with unchanged results.
 */
public final class LogqlEngine {
    private final Querier querier;
    private final EngineOptions options;
    private final Planner planner = new Planner();
    private final Executor executor;
    private final int parallelism;

    public LogqlEngine(Querier querier, EngineOptions options) {
        this(querier, options, null, 1);
    }

    /**
     * @param executor    where log queries read streams ahead of their merge (owned by the caller), or null
     * @param parallelism threads the executor gives one query (pipelines are built once per thread)
     */
    public LogqlEngine(Querier querier, EngineOptions options, Executor executor, int parallelism) {
        this.querier = Objects.requireNonNull(querier, "querier");
        this.options = Objects.requireNonNull(options, "options");
        this.executor = parallelism > 1 ? executor : null;
        this.parallelism = parallelism;
    }

    /** Parses and runs a query; failures are {@link StrataException}s with Loki's texts. */
    public QueryResult query(QueryRequest request, QueryGuard guard) {
        return execute(LogqlParser.parse(request.query()), request, guard);
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
        Plan plan = planner.plan(expr);
        if (plan instanceof Plan.LogSelection l && executor != null) {
            guard.check();
            return new LogQueryEvaluator(querier, guard, executor, parallelism + 1,
                    () -> ((Plan.LogSelection) planner.plan(expr)).pipeline()).run(l, request.startNanos(),
                            request.endNanos(), request.limit(), request.direction(), request.intervalNanos());
        }
        return execute(plan, request, guard);
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
