package io.strata.query;

import io.strata.logql.engine.EngineErrors;
import io.strata.logql.engine.EngineOptions;
import io.strata.logql.engine.LogqlEngine;
import io.strata.logql.engine.QueryGuard;
import io.strata.logql.engine.QueryRequest;
import io.strata.logql.engine.QueryResult;
import io.strata.logql.syntax.Expr;
import io.strata.model.Labels;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Runs a range metric query as contiguous groups of steps in parallel and concatenates the
 * series. Exact, because every LogQL metric operator is evaluated per step: a split reads the
 * data its own steps need (its first step's window reaches back by the range and offset), so the
 * only cost is re-reading one window per boundary. The step grid is aligned first (as the engine
 * would), so every split keeps the same grid. {@code max_query_series} is checked again on the
 * merged series.
 */
final class RangeSplits {
    /** Fewer steps than this per split are not worth a task. */
    static final int MIN_STEPS_PER_SPLIT = 8;

    private final ExecutorService executor;
    private final int parallelism;

    RangeSplits(ExecutorService executor, int parallelism) {
        this.executor = executor;
        this.parallelism = parallelism;
    }

    /** The step groups of a request, or one group when splitting does not pay. */
    List<QueryRequest> split(QueryRequest request, EngineOptions options) {
        long step = request.stepNanos();
        if (parallelism <= 1 || request.instant() || step <= 0) {
            return List.of(request);
        }
        long start = request.startNanos();
        long end = request.endNanos();
        if (options.alignRangeSteps()) {
            start = Math.floorDiv(start, step) * step;
            end = -Math.floorDiv(-end, step) * step;
        }
        if (end < start) {
            return List.of(request);
        }
        long steps = (end - start) / step + 1;
        int k = (int) Math.min(parallelism, steps / MIN_STEPS_PER_SPLIT);
        if (k <= 1) {
            return List.of(request);
        }
        List<QueryRequest> out = new ArrayList<>(k);
        for (int i = 0; i < k; i++) {
            long first = steps * i / k;
            long last = steps * (i + 1) / k - 1;
            out.add(new QueryRequest(request.query(), start + first * step, start + last * step, step,
                    request.intervalNanos(), request.limit(), request.direction(), false));
        }
        return out;
    }

    QueryResult run(LogqlEngine engine, Expr expr, List<QueryRequest> parts, QueryGuard guard, int maxSeries) {
        List<Future<QueryResult>> futures = new ArrayList<>(parts.size());
        for (QueryRequest part : parts) {
            futures.add(executor.submit(() -> engine.execute(expr, part, guard)));
        }
        List<QueryResult> results = new ArrayList<>(parts.size());
        RuntimeException failure = null;
        for (Future<QueryResult> f : futures) {
            try {
                results.add(f.get());
            } catch (ExecutionException e) {
                if (failure == null) {
                    failure = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                    futures.forEach(x -> x.cancel(true));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                futures.forEach(x -> x.cancel(true));
                throw EngineErrors.cancelled();
            } catch (java.util.concurrent.CancellationException e) {
                // cancelled after an earlier failure
            }
        }
        if (failure != null) {
            throw failure;
        }
        Map<Labels, List<QueryResult.Point>> merged = new LinkedHashMap<>();
        for (QueryResult r : results) {
            for (QueryResult.Series s : ((QueryResult.Matrix) r).series()) {
                merged.computeIfAbsent(s.labels(), l -> new ArrayList<>()).addAll(s.points());
            }
        }
        if (maxSeries > 0 && merged.size() > maxSeries) {
            throw EngineErrors.tooManySeries(maxSeries);
        }
        List<QueryResult.Series> series = new ArrayList<>(merged.size());
        merged.forEach((l, p) -> series.add(new QueryResult.Series(l, p)));
        series.sort((a, b) -> a.labels().compareTo(b.labels()));
        return new QueryResult.Matrix(series);
    }
}
