package io.strata.logql.engine;

import io.strata.model.Direction;
import io.strata.model.EntryIterator;
import io.strata.model.Labels;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Evaluates a range aggregation while streaming: all selected streams are read forward side by
 * side (fetch range {@code (first step − offset − range, last step − offset]}); at each step every
 * stream's entries up to {@code t − offset} are turned into samples and appended to their series
 * (a series fed by several streams sorts only the newly added samples), samples at or before
 * {@code t − offset − range} are evicted, and the function is applied
 * to the window {@code (t − offset − range, t − offset]}. Memory is bounded by the samples of one
 * window, not of the query range. A window without samples yields no point;
 * {@code absent_over_time} yields its labels when all windows are empty. A series carrying
 * {@code __error__} (not preserved) fails the query at the first step whose window contains one
 * of its samples, as Loki's range evaluator does. Counting and byte functions without pipeline
 * stages whose range is a whole number of steps keep per-step sums instead ({@link StepBuckets}).
 */
final class RangeAggregationEvaluator implements StepEvaluator {
    private static final int CHECK_EVERY = 4096;

    private final Plan.RangeAggregation plan;
    private final QueryGuard guard;
    private final double rangeSeconds;
    private final List<Cursor> open = new ArrayList<>();
    private final Map<Labels, Series> byLabels = new HashMap<>();
    /** Bucketed mode: steps per range (0: sample buffers), the grid, and the next step index. */
    private final int stepsPerRange;
    private final long stepNanos;
    private final long origin;
    private final long firstStep;
    private long nextStepIndex;
    private final TreeMap<Labels, Series> ordered = new TreeMap<>();
    private int read;

    /** One stream being read, with its sample source; closed once exhausted. */
    private static final class Cursor {
        final EntryIterator it;
        final SampleSource.ForStream source;
        boolean closed;

        Cursor(EntryIterator it, SampleSource.ForStream source) {
            this.it = it;
            this.source = source;
        }

        void close() {
            if (!closed) {
                closed = true;
                it.close();
            }
        }
    }

    /** A series: its samples in the current window and what to report. */
    private static final class Series {
        final SeriesBuffer buffer;
        final StepBuckets buckets;
        final Labels output;
        final boolean failing;
        final Labels labels;

        Series(Labels labels, int stepsPerRange) {
            this.labels = labels;
            this.buffer = stepsPerRange > 0 ? null : new SeriesBuffer();
            this.buckets = stepsPerRange > 0 ? new StepBuckets(stepsPerRange) : null;
            boolean preserved = "true".equals(labels.get(SampleSource.PRESERVE_ERROR_LABEL));
            this.failing = labels.has(SampleSource.ERROR_LABEL) && !preserved;
            this.output = labels.has(SampleSource.PRESERVE_ERROR_LABEL)
                    ? labels.toBuilder().remove(SampleSource.PRESERVE_ERROR_LABEL).build() : labels;
        }
    }

    RangeAggregationEvaluator(Plan.RangeAggregation plan, Querier querier, long firstStep, long lastStep,
            QueryGuard guard) {
        this(plan, querier, firstStep, lastStep, 0, guard);
    }

    /** @param stepNanos the step between evaluated times (0 for one evaluation) */
    RangeAggregationEvaluator(Plan.RangeAggregation plan, Querier querier, long firstStep, long lastStep,
            long stepNanos, QueryGuard guard) {
        this.plan = plan;
        this.guard = guard;
        this.rangeSeconds = plan.rangeNanos() / 1e9;
        boolean bucketed = firstStep < lastStep
                && StepBuckets.applies(plan.function(), plan.samples(), plan.rangeNanos(), stepNanos);
        this.stepsPerRange = bucketed ? (int) (plan.rangeNanos() / stepNanos) : 0;
        this.stepNanos = stepNanos;
        this.firstStep = firstStep;
        this.origin = firstStep - plan.offsetNanos() - plan.rangeNanos();
        if (plan.rangeNanos() <= 0) {
            return;
        }
        long from = firstStep - plan.offsetNanos() - plan.rangeNanos() + 1;
        long to = lastStep - plan.offsetNanos() + 1;
        List<SelectedStream> streams = querier.selectLogs(new SelectLogParams(plan.matchers(), from, to,
                Direction.FORWARD, plan.requiredSubstrings()));
        try {
            for (SelectedStream s : streams) {
                Cursor c = new Cursor(s.open(), plan.samples().forStream(s.labels()));
                open.add(c);
                if (!c.it.next()) {
                    c.close();
                }
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Turns every entry with {@code ts <= end} into a sample of its series, stream by stream. */
    private void consumeUntil(long end) {
        for (Cursor c : open) {
            if (c.closed) {
                continue;
            }
            EntryIterator it = c.it;
            Labels lastLabels = null;
            Series last = null;
            while (it.timestamp() <= end) {
                if (++read % CHECK_EVERY == 0) {
                    guard.check();
                }
                long ts = it.timestamp();
                if (c.source.process(ts, it.lineBuffer(), it.lineOffset(), it.lineLength(), it.metadata())) {
                    Labels labels = c.source.labels();
                    if (labels != lastLabels) {
                        last = series(labels);
                        lastLabels = labels;
                    }
                    if (stepsPerRange > 0) {
                        last.buckets.add(Math.floorDiv(ts - origin - 1, stepNanos) + 1, c.source.value());
                    } else {
                        last.buffer.add(ts, c.source.value());
                    }
                }
                if (!it.next()) {
                    c.close();
                    break;
                }
            }
        }
    }

    private Series series(Labels labels) {
        Series s = byLabels.get(labels);
        if (s == null) {
            s = new Series(labels, stepsPerRange);
            byLabels.put(labels, s);
            ordered.put(labels, s);
        }
        return s;
    }

    @Override
    public List<StepSample> evaluate(long step) {
        if (stepsPerRange > 0) {
            return evaluateBuckets(step);
        }
        long end = step - plan.offsetNanos();
        long start = end - plan.rangeNanos();
        consumeUntil(end);
        boolean absent = plan.function() == RangeFunction.ABSENT_OVER_TIME;
        List<StepSample> out = new ArrayList<>(absent ? 1 : ordered.size());
        boolean any = false;
        for (Series s : ordered.values()) {
            SeriesBuffer b = s.buffer;
            b.window(start, end);
            if (b.hi == b.lo) {
                continue;
            }
            if (s.failing) {
                throw EngineErrors.pipelineError(s.labels);
            }
            any = true;
            if (!absent) {
                out.add(new StepSample(s.output, plan.function().apply(b.timestamps, b.values, b.lo, b.hi,
                        rangeSeconds, plan.parameter())));
            }
        }
        if (absent && !any) {
            out.add(new StepSample(plan.absentLabels(), 1));
        }
        return out;
    }

    /** {@link #evaluate} in bucketed mode: steps come in order on the grid. */
    private List<StepSample> evaluateBuckets(long step) {
        long i = nextStepIndex++;
        if (step != firstStep + i * stepNanos) {
            throw new IllegalStateException("step " + step + " is not step " + i + " of the grid");
        }
        if (i > 0) {
            for (Series s : ordered.values()) {
                s.buckets.clear(i + stepsPerRange);
            }
        }
        consumeUntil(step - plan.offsetNanos());
        boolean absent = plan.function() == RangeFunction.ABSENT_OVER_TIME;
        List<StepSample> out = new ArrayList<>(absent ? 1 : ordered.size());
        boolean any = false;
        for (Series s : ordered.values()) {
            long count = s.buckets.count();
            if (count == 0) {
                continue;
            }
            if (s.failing) {
                throw EngineErrors.pipelineError(s.labels);
            }
            any = true;
            if (!absent) {
                out.add(new StepSample(s.output, StepBuckets.value(plan.function(), count, s.buckets.sum(),
                        rangeSeconds)));
            }
        }
        if (absent && !any) {
            out.add(new StepSample(plan.absentLabels(), 1));
        }
        return out;
    }

    @Override
    public void close() {
        for (Cursor c : open) {
            c.close();
        }
        open.clear();
    }
}
