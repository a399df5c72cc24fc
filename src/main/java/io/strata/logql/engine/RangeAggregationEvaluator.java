package io.strata.logql.engine;

import io.strata.model.Direction;
import io.strata.model.EntryIterator;
import io.strata.model.Labels;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Evaluates a range aggregation: reads every sample of the selection once (fetch range
 * {@code (first step − offset − range, last step − offset]}), groups them into series by their
 * labels, then at each step applies the function to the window {@code (t − offset − range, t − offset]}.
 * A window without samples yields no point; {@code absent_over_time} yields its labels when all
 * windows are empty. A series carrying {@code __error__} (not preserved) fails the query at the
 * first step whose window contains one of its samples, as Loki's range evaluator does.
 */
final class RangeAggregationEvaluator implements StepEvaluator {
    private static final int CHECK_EVERY = 4096;

    private final Plan.RangeAggregation plan;
    private final double rangeSeconds;
    private final List<Labels> seriesLabels = new ArrayList<>();
    private final List<SeriesBuffer> series = new ArrayList<>();
    private final boolean[] failing;
    private final Labels[] output;

    RangeAggregationEvaluator(Plan.RangeAggregation plan, Querier querier, long firstStep, long lastStep,
            QueryGuard guard) {
        this.plan = plan;
        this.rangeSeconds = plan.rangeNanos() / 1e9;
        load(querier, firstStep, lastStep, guard);
        failing = new boolean[series.size()];
        output = new Labels[series.size()];
        for (int i = 0; i < series.size(); i++) {
            Labels l = seriesLabels.get(i);
            boolean preserved = "true".equals(l.get(SampleSource.PRESERVE_ERROR_LABEL));
            failing[i] = l.has(SampleSource.ERROR_LABEL) && !preserved;
            output[i] = l.has(SampleSource.PRESERVE_ERROR_LABEL)
                    ? l.toBuilder().remove(SampleSource.PRESERVE_ERROR_LABEL).build() : l;
        }
    }

    private void load(Querier querier, long firstStep, long lastStep, QueryGuard guard) {
        if (plan.rangeNanos() <= 0) {
            return;
        }
        long from = firstStep - plan.offsetNanos() - plan.rangeNanos() + 1;
        long to = lastStep - plan.offsetNanos() + 1;
        Map<Labels, SeriesBuffer> byLabels = new HashMap<>();
        List<SelectedStream> streams = querier.selectLogs(new SelectLogParams(plan.matchers(), from, to,
                Direction.FORWARD, plan.requiredSubstrings()));
        int n = 0;
        for (SelectedStream s : streams) {
            SampleSource.ForStream source = plan.samples().forStream(s.labels());
            try (EntryIterator it = s.open()) {
                Labels lastLabels = null;
                SeriesBuffer last = null;
                while (it.next()) {
                    if (++n % CHECK_EVERY == 0) {
                        guard.check();
                    }
                    if (!source.process(it.timestamp(), it.lineBuffer(), it.lineOffset(), it.lineLength(),
                            it.metadata())) {
                        continue;
                    }
                    Labels labels = source.labels();
                    if (labels != lastLabels) {
                        last = byLabels.get(labels);
                        if (last == null) {
                            last = new SeriesBuffer();
                            byLabels.put(labels, last);
                        }
                        lastLabels = labels;
                    }
                    last.add(it.timestamp(), source.value());
                }
            }
        }
        guard.check();
        List<Labels> keys = new ArrayList<>(byLabels.keySet());
        keys.sort(null);
        for (Labels k : keys) {
            SeriesBuffer b = byLabels.get(k);
            b.sort();
            seriesLabels.add(k);
            series.add(b);
        }
    }

    @Override
    public List<StepSample> evaluate(long step) {
        long end = step - plan.offsetNanos();
        long start = end - plan.rangeNanos();
        boolean absent = plan.function() == RangeFunction.ABSENT_OVER_TIME;
        List<StepSample> out = new ArrayList<>(absent ? 1 : series.size());
        boolean any = false;
        for (int i = 0; i < series.size(); i++) {
            SeriesBuffer b = series.get(i);
            b.window(start, end);
            if (b.hi == b.lo) {
                continue;
            }
            if (failing[i]) {
                throw EngineErrors.pipelineError(seriesLabels.get(i));
            }
            any = true;
            if (!absent) {
                out.add(new StepSample(output[i], plan.function().apply(b.timestamps, b.values, b.lo, b.hi,
                        rangeSeconds, plan.parameter())));
            }
        }
        if (absent && !any && plan.rangeNanos() >= 0) {
            out.add(new StepSample(plan.absentLabels(), 1));
        }
        return out;
    }
}
