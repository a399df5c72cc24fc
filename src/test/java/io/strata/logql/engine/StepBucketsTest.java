package io.strata.logql.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.logql.syntax.LogqlParser;
import io.strata.model.Labels;
import io.strata.model.LogEntry;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Randomized differential test: the bucketed range aggregation ({@link StepBuckets}) gives exactly
 * the sample-buffer answer at every step — several streams per series, structured metadata,
 * equal timestamps, entries on window boundaries, offsets, steps that divide the range and
 * grids that start anywhere.
 */
class StepBucketsTest {
    private static final long S = 1_000_000_000L;

    @Test
    void bucketedWindowsEqualSampleBufferWindows() {
        Random r = new Random(5);
        InMemoryQuerier querier = new InMemoryQuerier();
        for (int s = 0; s < 7; s++) {
            Labels labels = Labels.of("app", "a" + (s % 3), "pod", "p" + s);
            for (int i = 0; i < 1500; i++) {
                long t = r.nextInt(3) == 0 ? r.nextInt(120) * 10 * S : r.nextLong(1200 * S); // many on boundaries
                Labels md = r.nextInt(4) == 0 ? Labels.of("detected_level", r.nextBoolean() ? "info" : "warn")
                        : Labels.EMPTY;
                querier.push(labels, new LogEntry(t, "line " + "x".repeat(r.nextInt(50)) + i, md));
            }
        }
        String[] functions = {"count_over_time", "rate", "bytes_over_time", "bytes_rate", "absent_over_time"};
        String[] ranges = {"10s", "30s", "1m", "2m"};
        long[] steps = {10 * S, 30 * S, 60 * S};
        String[] offsets = {"", " offset 20s"};
        int compared = 0;
        int bucketed = 0;
        for (String f : functions) {
            for (String range : ranges) {
                for (String offset : offsets) {
                    for (String shape : new String[] {"%s({app=~\".+\"}[%s]%s)", "sum by (app) (%s({app=~\".+\"}[%s]%s))",
                        "sum(%s({pod=\"p1\"}[%s]%s))", "sum by (detected_level) (%s({app=\"a1\"}[%s]%s))"}) {
                        String q = String.format(shape, f, range, offset);
                        if (f.equals("absent_over_time") && !shape.startsWith("%s")) {
                            continue;
                        }
                        Plan.RangeAggregation plan = rangeAggregation(new Planner().plan(LogqlParser.parse(q)));
                        for (long step : steps) {
                            long first = r.nextLong(1300 * S) - 50 * S;
                            long last = first + (20 + r.nextInt(60)) * step;
                            boolean applies = StepBuckets.applies(plan.function(), plan.samples(), plan.rangeNanos(),
                                    step);
                            bucketed += applies ? 1 : 0;
                            try (RangeAggregationEvaluator fast = new RangeAggregationEvaluator(plan, querier, first,
                                    last, step, QueryGuard.NONE);
                                    RangeAggregationEvaluator plain = new RangeAggregationEvaluator(plan, querier,
                                            first, last, QueryGuard.NONE)) {
                                for (long t = first; t <= last; t += step) {
                                    List<StepSample> expected = plain.evaluate(t);
                                    assertEquals(expected, fast.evaluate(t), q + " step " + step + " at " + t);
                                    compared++;
                                }
                            }
                        }
                    }
                }
            }
        }
        assertTrue(bucketed > 50, "bucketed " + bucketed);
        assertTrue(compared > 10_000);
    }

    @Test
    void appliesOnlyToCountingFunctionsWithoutStagesAndWholeStepsPerRange() {
        Plan.RangeAggregation count = rangeAggregation(new Planner().plan(LogqlParser.parse("count_over_time({a=\"b\"}[1m])")));
        assertTrue(StepBuckets.applies(count.function(), count.samples(), 60 * S, 20 * S));
        assertFalse(StepBuckets.applies(count.function(), count.samples(), 60 * S, 25 * S));
        Plan.RangeAggregation filtered = rangeAggregation(new Planner().plan(LogqlParser.parse(
                "count_over_time({a=\"b\"} |= \"x\" [1m])")));
        assertFalse(StepBuckets.applies(filtered.function(), filtered.samples(), 60 * S, 60 * S));
        Plan.RangeAggregation unwrapped = rangeAggregation(new Planner().plan(LogqlParser.parse(
                "rate({a=\"b\"} | unwrap x [1m])")));
        assertFalse(StepBuckets.applies(unwrapped.function(), unwrapped.samples(), 60 * S, 60 * S));
        Plan.RangeAggregation sum = rangeAggregation(new Planner().plan(LogqlParser.parse(
                "sum_over_time({a=\"b\"} | unwrap x [1m])")));
        assertFalse(StepBuckets.applies(sum.function(), sum.samples(), 60 * S, 60 * S));
    }

    private static Plan.RangeAggregation rangeAggregation(Plan plan) {
        return switch (plan) {
            case Plan.RangeAggregation r -> r;
            case Plan.VectorAggregation v -> rangeAggregation(v.inner());
            default -> throw new AssertionError(plan);
        };
    }
}
