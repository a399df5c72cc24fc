package io.strata.bench;

import io.strata.logql.log.CompareOp;
import io.strata.logql.log.JsonParserStage;
import io.strata.logql.log.LabelFilterStage;
import io.strata.logql.log.LineFilterOp;
import io.strata.logql.log.LineFilterStage;
import io.strata.logql.log.LogfmtParserStage;
import io.strata.logql.log.NumericLabelFilter;
import io.strata.logql.log.Pipeline;
import io.strata.logql.log.StreamPipeline;
import io.strata.logql.log.StringLabelFilter;
import io.strata.model.Labels;
import io.strata.model.Matcher;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Throughput of log pipelines over in-memory blocks of realistic lines (~64 MiB per dataset,
 * generated once per fork). One operation = the whole dataset; MB/s = dataset bytes / time per
 * op (the dataset sizes are printed at setup). Run:
 *
 * <pre>
 * mvn -B -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * java -cp target/test-classes:target/classes:$(cat target/cp.txt) org.openjdk.jmh.Main PipelineBench -wi 2 -i 3 -f 1
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgs = {"-Xmx2g"})
public class PipelineBench {
    static final int TARGET_BYTES = 64 << 20;
    static final Labels STREAM = Labels.of("app", "api", "env", "prod");

    /** A block of lines: one byte array plus offsets. */
    public abstract static class Data {
        byte[] bytes;
        int[] offsets; // line i = [offsets[i], offsets[i+1])

        abstract String line(Random r);

        @Setup(Level.Trial)
        public void generate() {
            Random r = new Random(7);
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(TARGET_BYTES + 4096);
            java.util.ArrayList<Integer> offs = new java.util.ArrayList<>();
            while (out.size() < TARGET_BYTES) {
                offs.add(out.size());
                out.writeBytes(line(r).getBytes(StandardCharsets.UTF_8));
            }
            offs.add(out.size());
            bytes = out.toByteArray();
            offsets = offs.stream().mapToInt(Integer::intValue).toArray();
            System.out.printf("%n[%s] %d lines, %d bytes%n", getClass().getSimpleName(), offsets.length - 1, bytes.length);
        }

        int run(StreamPipeline p) {
            int kept = 0;
            byte[] b = bytes;
            int[] o = offsets;
            for (int i = 0; i + 1 < o.length; i++) {
                if (p.process(i, b, o[i], o[i + 1] - o[i], Labels.EMPTY)) {
                    kept++;
                }
            }
            return kept;
        }
    }

    static final String[] PATHS = {"/api/v1/users", "/api/v1/orders", "/static/app.js", "/index.html", "/api/v2/search", "/health"};
    static final String[] METHODS = {"GET", "GET", "GET", "POST", "PUT", "DELETE"};
    static final int[] STATUS = {200, 200, 200, 200, 201, 204, 301, 404, 500, 503};
    static final String[] LEVELS = {"info", "info", "info", "debug", "warn", "error"};

    @State(Scope.Benchmark)
    public static class Nginx extends Data {
        @Override
        String line(Random r) {
            return (10 + r.nextInt(200)) + "." + r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(256)
                    + " - - [21/Nov/2026:22:" + (10 + r.nextInt(50)) + ":" + (10 + r.nextInt(50)) + " +0000] \""
                    + METHODS[r.nextInt(METHODS.length)] + " " + PATHS[r.nextInt(PATHS.length)] + "?id=" + r.nextInt(100000)
                    + " HTTP/1.1\" " + STATUS[r.nextInt(STATUS.length)] + " " + r.nextInt(50000)
                    + " \"https://example.com/\" \"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/120.0\"";
        }
    }

    @State(Scope.Benchmark)
    public static class Json extends Data {
        @Override
        String line(Random r) {
            return "{\"ts\":\"2026-11-21T22:" + (10 + r.nextInt(50)) + ":00.123Z\",\"level\":\"" + LEVELS[r.nextInt(LEVELS.length)]
                    + "\",\"msg\":\"request completed\",\"method\":\"" + METHODS[r.nextInt(METHODS.length)] + "\",\"path\":\""
                    + PATHS[r.nextInt(PATHS.length)] + "\",\"status\":" + STATUS[r.nextInt(STATUS.length)] + ",\"duration_ms\":"
                    + r.nextInt(2000) + ",\"user\":{\"id\":\"u" + r.nextInt(1000) + "\",\"region\":\"eu-west-1\"},\"trace_id\":\""
                    + Long.toHexString(r.nextLong()) + "\"}";
        }
    }

    @State(Scope.Benchmark)
    public static class Logfmt extends Data {
        @Override
        String line(Random r) {
            return "ts=2026-11-21T22:" + (10 + r.nextInt(50)) + ":00.123Z level=" + LEVELS[r.nextInt(LEVELS.length)]
                    + " msg=\"request completed\" method=" + METHODS[r.nextInt(METHODS.length)] + " path="
                    + PATHS[r.nextInt(PATHS.length)] + " status=" + STATUS[r.nextInt(STATUS.length)] + " duration="
                    + r.nextInt(2000) + "ms user=u" + r.nextInt(1000) + " trace_id=" + Long.toHexString(r.nextLong());
        }
    }

    private static StreamPipeline pipeline(io.strata.logql.log.Stage... stages) {
        return new Pipeline(List.of(stages)).forStream(STREAM);
    }

    /** {@code |= "/api/v2/search"} (about 1 line in 6 matches). */
    @Benchmark
    public int literalFilter(Nginx data) {
        return data.run(pipeline(LineFilterStage.of(LineFilterOp.CONTAINS, "/api/v2/search")));
    }

    /** {@code |= "Firefox"} (no line matches: pure scan speed). */
    @Benchmark
    public int literalFilterNoMatch(Nginx data) {
        return data.run(pipeline(LineFilterStage.of(LineFilterOp.CONTAINS, "Firefox")));
    }

    /** {@code |~ "HTTP/1.1\" 5\\d\\d"}: a real RE2 regex (not simplifiable). */
    @Benchmark
    public int regexFilter(Nginx data) {
        return data.run(pipeline(LineFilterStage.of(LineFilterOp.REGEX, "HTTP/1\\.1\" 5\\d\\d")));
    }

    /** {@code |~ "(?i)firefox|safari"}: simplified to case-insensitive substring checks. */
    @Benchmark
    public int simplifiedRegexFilter(Nginx data) {
        return data.run(pipeline(LineFilterStage.of(LineFilterOp.REGEX, "(?i)firefox|safari")));
    }

    /** {@code | json | status > 400}. */
    @Benchmark
    public int jsonNumericFilter(Json data) {
        return data.run(pipeline(new JsonParserStage(),
                new LabelFilterStage(NumericLabelFilter.number("status", CompareOp.GT, 400))));
    }

    /** {@code | logfmt | level="error"}. */
    @Benchmark
    public int logfmtLabelFilter(Logfmt data) {
        return data.run(pipeline(new LogfmtParserStage(false, false),
                new LabelFilterStage(new StringLabelFilter(Matcher.equal("level", "error")))));
    }

    /** {@code | logfmt | duration > 1s} then result labels (as a log query would). */
    @Benchmark
    public int logfmtDurationFilterWithLabels(Logfmt data) {
        StreamPipeline p = pipeline(new LogfmtParserStage(false, false),
                new LabelFilterStage(NumericLabelFilter.duration("duration", CompareOp.GT, 1_000_000_000L)));
        int n = 0;
        byte[] b = data.bytes;
        int[] o = data.offsets;
        for (int i = 0; i + 1 < o.length; i++) {
            if (p.process(i, b, o[i], o[i + 1] - o[i], Labels.EMPTY)) {
                n += p.labels().size();
            }
        }
        return n;
    }
}
