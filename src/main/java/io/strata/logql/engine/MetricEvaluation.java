package io.strata.logql.engine;

import io.strata.model.Labels;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a metric plan: builds the operator tree, evaluates it at every step
 * {@code start, start+step, …, ≤ end} (one step at {@code start} for an instant query) and
 * collects a {@link QueryResult.Vector}, {@link QueryResult.Matrix} or {@link QueryResult.Scalar}.
 * Enforces {@code max_query_series} on the final series and checks the guard once per step.
 */
final class MetricEvaluation {
    private final Querier querier;
    private final QueryGuard guard;
    private final int maxSeries;

    MetricEvaluation(Querier querier, QueryGuard guard, int maxSeries) {
        this.querier = querier;
        this.guard = guard;
        this.maxSeries = maxSeries;
    }

    QueryResult instant(Plan.Metric plan, long timeNanos) {
        long ms = Math.floorDiv(timeNanos, 1_000_000L);
        if (plan instanceof Plan.Literal lit) {
            return new QueryResult.Scalar(ms, lit.value());
        }
        List<StepSample> vector;
        try (StepEvaluator root = build(plan, timeNanos, timeNanos, 0)) {
            vector = root.evaluate(timeNanos);
        }
        if (maxSeries > 0 && vector.size() > maxSeries) {
            throw EngineErrors.tooManySeries(maxSeries);
        }
        List<StepSample> ordered = new ArrayList<>(vector);
        if (!plan.sortsByValue()) {
            ordered.sort((a, b) -> a.labels().compareTo(b.labels()));
        }
        List<QueryResult.Sample> out = new ArrayList<>(ordered.size());
        for (StepSample s : ordered) {
            out.add(new QueryResult.Sample(s.labels(), ms, s.value()));
        }
        return new QueryResult.Vector(out);
    }

    QueryResult range(Plan.Metric plan, long startNanos, long endNanos, long stepNanos) {
        Map<Labels, List<QueryResult.Point>> series = new LinkedHashMap<>();
        try (StepEvaluator root = build(plan, startNanos, lastStep(startNanos, endNanos, stepNanos), stepNanos)) {
            collect(plan, root, series, startNanos, endNanos, stepNanos);
        }
        List<QueryResult.Series> out = new ArrayList<>(series.size());
        series.forEach((l, p) -> out.add(new QueryResult.Series(l, p)));
        out.sort((a, b) -> a.labels().compareTo(b.labels()));
        return new QueryResult.Matrix(out);
    }

    private void collect(Plan.Metric plan, StepEvaluator root, Map<Labels, List<QueryResult.Point>> series,
            long startNanos, long endNanos, long stepNanos) {
        for (long t = startNanos; t <= endNanos; t += stepNanos) {
            guard.check();
            long ms = Math.floorDiv(t, 1_000_000L);
            for (StepSample s : root.evaluate(t)) {
                List<QueryResult.Point> points = series.get(s.labels());
                if (points == null) {
                    points = new ArrayList<>();
                    series.put(s.labels(), points);
                    if (maxSeries > 0 && series.size() > maxSeries && !(plan instanceof Plan.Literal)) {
                        throw EngineErrors.tooManySeries(maxSeries);
                    }
                }
                points.add(new QueryResult.Point(ms, s.value()));
            }
            if (stepNanos <= 0) {
                break;
            }
        }
    }

    static long lastStep(long start, long end, long step) {
        if (step <= 0 || end <= start) {
            return start;
        }
        return start + (end - start) / step * step;
    }

    private StepEvaluator build(Plan.Metric plan, long firstStep, long lastStep, long step) {
        return switch (plan) {
            case Plan.RangeAggregation r -> new RangeAggregationEvaluator(r, querier, firstStep, lastStep, step, guard);
            case Plan.VectorAggregation v ->
                    new VectorAggregationEvaluator(v, build(v.inner(), firstStep, lastStep, step));
            case Plan.Binary b -> {
                StepEvaluator left = build(b.left(), firstStep, lastStep, step);
                try {
                    yield new BinaryEvaluator(b, left, build(b.right(), firstStep, lastStep, step));
                } catch (RuntimeException e) {
                    left.close();
                    throw e;
                }
            }
            case Plan.Literal l -> new ConstantEvaluator(l.value());
            case Plan.VectorLiteral v -> new ConstantEvaluator(v.value());
            case Plan.LabelReplace r -> new LabelReplaceEvaluator(r, build(r.inner(), firstStep, lastStep, step));
        };
    }
}
