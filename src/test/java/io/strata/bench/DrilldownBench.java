package io.strata.bench;

import io.strata.logql.engine.QueryResult;
import io.strata.model.Labels;
import io.strata.query.DetectedFields;
import io.strata.query.PatternMiner;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Cost of Drilldown's per-request work on sampled lines (realistic logfmt/JSON/nginx mix from
 * {@link LogLineGenerator}): field detection over Grafana's default 1000-line sample, and pattern
 * mining over the 20 000-line pattern sample. Run:
 *
 * <pre>
 * bench/jmh.sh DrilldownBench -wi 2 -i 3 -f 1 -w 2s -r 3s
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgs = {"-Xmx1g"})
@State(Scope.Benchmark)
public class DrilldownBench {
    QueryResult.Streams sample1000;
    List<String> lines20000;

    @Setup
    public void setup() {
        LogLineGenerator gen = new LogLineGenerator(11);
        List<QueryResult.Entry> entries = new ArrayList<>();
        lines20000 = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            String line = gen.line(i % LogLineGenerator.streamCount(), i * 1_000_000L);
            lines20000.add(line);
            if (i < 1000) {
                entries.add(new QueryResult.Entry(i, line, Labels.of("app", "api"),
                        Labels.of("detected_level", "info", "trace_id", "t" + (i % 97)), Labels.EMPTY));
            }
        }
        sample1000 = new QueryResult.Streams(List.of(new QueryResult.LogStream(Labels.of("app", "api"), entries)));
    }

    @Benchmark
    public Object detectedFields1000Lines() {
        return new DetectedFields().fields(sample1000, 1000);
    }

    @Benchmark
    public Object patterns20000Lines() {
        PatternMiner m = new PatternMiner(30_000_000_000L);
        for (int i = 0; i < lines20000.size(); i++) {
            m.add(i * 1_000_000L, lines20000.get(i), "info");
        }
        return m.patterns();
    }
}
