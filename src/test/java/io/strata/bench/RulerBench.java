package io.strata.bench;

import io.strata.model.Labels;
import io.strata.ruler.RuleSample;
import io.strata.ruler.RulerBenchAccess;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of one alerting-rule evaluation over 1 000 result series (labels, templates, state machine,
 * due notifications) and of encoding 1 000 recorded samples for remote write (protobuf + snappy).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class RulerBench {
    private RulerBenchAccess access;
    private List<RuleSample> result;
    private long ts = 1_800_000_000_000L;

    @Setup
    public void setup() {
        access = new RulerBenchAccess();
        result = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            result.add(new RuleSample(Labels.of("app", "app-" + i, "env", "prod", "pod", "pod-" + (i * 7)), i * 1.5));
        }
    }

    @Benchmark
    public int evaluateAlertingRule1000Series() {
        ts += 60_000;
        return access.evaluate(ts, result);
    }

    @Benchmark
    public int encodeRemoteWrite1000Samples() throws Exception {
        return access.encode(result, ts);
    }
}
