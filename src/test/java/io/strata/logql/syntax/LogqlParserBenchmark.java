package io.strata.logql.syntax;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Parse and print cost of typical queries. Run (about 40 s):
 * {@code java -cp target/test-classes:target/classes:$(cat cp.txt) io.strata.logql.syntax.LogqlParserBenchmark}
 * (see README.md for the exact command).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class LogqlParserBenchmark {
    static final String LOG = "{app=\"api\", env=~\"prod|staging\"} |= \"error\" != \"timeout\" | logfmt "
            + "| level=\"error\" and status >= 500 or latency > 250ms | line_format \"{{.msg}}\"";
    static final String METRIC = "sum by (app) (rate({app=\"api\"} |= \"GET\" | json | unwrap duration(latency) "
            + "| __error__=\"\" [5m] offset 1m)) / on(app) group_left sum by (app) (count_over_time({app=\"api\"}[5m])) > bool 0.5";
    static final String LONG = "{app=\"api\"}" + " |= \"needle\" | x=\"y\"".repeat(200);

    private final Expr metricExpr = LogqlParser.parse(METRIC);

    @Benchmark
    public Expr parseLogQuery() {
        return LogqlParser.parse(LOG);
    }

    @Benchmark
    public Expr parseMetricQuery() {
        return LogqlParser.parse(METRIC);
    }

    @Benchmark
    public Expr parseLongPipeline() {
        return LogqlParser.parse(LONG);
    }

    @Benchmark
    public String printMetricQuery() {
        return LogqlPrinter.print(metricExpr);
    }

    public static void main(String[] args) throws Exception {
        new Runner(new OptionsBuilder().include(LogqlParserBenchmark.class.getSimpleName()).build()).run();
    }
}
