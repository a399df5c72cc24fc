package io.strata.bench;

import io.strata.logql.engine.EngineOptions;
import io.strata.logql.engine.InMemoryQuerier;
import io.strata.logql.engine.LogqlEngine;
import io.strata.logql.engine.QueryGuard;
import io.strata.logql.engine.QueryRequest;
import io.strata.logql.engine.QueryResult;
import io.strata.logql.syntax.Expr;
import io.strata.logql.syntax.Grouping;
import io.strata.logql.syntax.LogExpr;
import io.strata.logql.syntax.LogRangeExpr;
import io.strata.logql.syntax.RangeAggregationExpr;
import io.strata.logql.syntax.RangeOp;
import io.strata.logql.syntax.VectorAggregationExpr;
import io.strata.logql.syntax.VectorOp;
import io.strata.model.Labels;
import io.strata.model.LogEntry;
import io.strata.model.Matcher;
import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * {@code count_over_time} through the whole engine (plan, pipeline, range windows, step loop)
 * over in-memory data: {@value #STREAMS} streams × {@value #PER_STREAM} entries spread over one
 * hour (1M entries). Range query: 1 h, step 60 s, {@code [5m]} windows.
 * Run: {@code mvn -o -q test-compile dependency:build-classpath -Dmdep.outputFile=cp.txt -Dmdep.includeScope=test}
 * then {@code java -cp target/test-classes:target/classes:$(cat cp.txt) org.openjdk.jmh.Main MetricBench
 * -wi 2 -i 3 -f 1 -w 5s -r 5s -prof gc}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class MetricBench {
    static final int STREAMS = 100;
    static final int PER_STREAM = 10_000;
    static final long S = 1_000_000_000L;
    static final long T0 = 1_700_000_040L * S;

    private LogqlEngine engine;
    private Expr countByStream;
    private Expr sumByApp;
    private Expr sumByMethodLogfmt;

    @Setup
    public void setup() {
        InMemoryQuerier q = new InMemoryQuerier();
        long spacing = 3600 * S / PER_STREAM;
        for (int s = 0; s < STREAMS; s++) {
            Labels l = Labels.of("app", "bench", "pod", "pod-" + s, "team", "t" + (s % 5));
            for (int i = 0; i < PER_STREAM; i++) {
                q.push(l, new LogEntry(T0 + i * spacing + s, "level=info method=GET status=200 latency=12ms i=" + i));
            }
        }
        engine = new LogqlEngine(q, EngineOptions.DEFAULTS);
        RangeAggregationExpr count = new RangeAggregationExpr(RangeOp.COUNT_OVER_TIME,
                new LogRangeExpr(LogExpr.of(List.of(Matcher.equal("app", "bench"))), Duration.ofMinutes(5),
                        Duration.ZERO, null), OptionalDouble.empty(), null);
        countByStream = count;
        sumByApp = new VectorAggregationExpr(VectorOp.SUM, count, 0, new Grouping(false, List.of("team")));
        sumByMethodLogfmt = io.strata.logql.syntax.LogqlParser.parse(
                "sum by (method) (count_over_time({app=\"bench\"} |= \"GET\" | logfmt [5m]))");
    }

    private QueryResult range(Expr e) {
        return engine.execute(e, QueryRequest.range("", T0, T0 + 3600 * S, 60 * S), QueryGuard.NONE);
    }

    /** 100 output series × 61 steps. */
    @Benchmark
    public QueryResult countOverTimeRange() {
        return range(countByStream);
    }

    /** {@code sum by (team)}: grouping pushed into the extraction. */
    @Benchmark
    public QueryResult sumCountOverTimeRange() {
        return range(sumByApp);
    }

    /** With a pipeline: line filter, logfmt, grouping by a parsed label. */
    @Benchmark
    public QueryResult sumByMethodLogfmtRange() {
        return range(sumByMethodLogfmt);
    }

    /** One step ([5m] window at the end of the hour). */
    @Benchmark
    public QueryResult countOverTimeInstant() {
        return engine.execute(countByStream, QueryRequest.instant("", T0 + 3600 * S), QueryGuard.NONE);
    }
}
