package io.strata.ruler;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.xerial.snappy.Snappy;

/** Lets the JMH benchmarks in io.strata.bench reach package-private ruler internals. */
public final class RulerBenchAccess {
    private final AlertingRuleEvaluator rule = new AlertingRuleEvaluator(Rule.alerting("HighErrors", "x > 0",
            Duration.ofMinutes(2), Map.of("severity", "critical"),
            Map.of("summary", "{{ $labels.app }} in {{ $labels.env }}: {{ $value | humanize }} errors")));
    private final RulerOptions options = RulerOptions.defaults();

    /** One evaluation; returns the number of notifications due. */
    public int evaluate(long ts, List<RuleSample> result) {
        rule.apply(ts, result, 0, options, 15 * 60_000);
        return rule.due(ts, 60_000, 60_000, Map.of(), "http://g/explore").size();
    }

    /** Encodes and compresses samples; returns the compressed size. */
    public int encode(List<RuleSample> result, long ts) throws IOException {
        List<RecordedSample> samples = new ArrayList<>(result.size());
        for (RuleSample s : result) {
            samples.add(new RecordedSample(s.labels().toBuilder().set("__name__", "app:lines:rate1m").build(), s.value(), ts));
        }
        return Snappy.compress(RemoteWriteEncoder.encode(samples)).length;
    }
}
