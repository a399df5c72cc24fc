package io.strata.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.function.ToIntFunction;

/**
 * Companion to {@link PipelineBench} for a shared, overloaded machine: runs each pipeline over its
 * 64 MiB dataset several times and reports MB per <em>CPU</em> second of the running thread
 * (wall-clock JMH numbers are meaningless when other processes steal the cores). Not a JMH
 * benchmark; run with
 * {@code java -cp target/test-classes:target/classes:$(cat target/cp.txt) io.strata.bench.PipelineCpuTime}.
 */
public final class PipelineCpuTime {
    private PipelineCpuTime() {}

    public static void main(String[] args) {
        PipelineBench bench = new PipelineBench();
        PipelineBench.Nginx nginx = new PipelineBench.Nginx();
        nginx.generate();
        measure("literalFilter", nginx, bench::literalFilter);
        measure("literalFilterNoMatch", nginx, bench::literalFilterNoMatch);
        measure("regexFilter", nginx, bench::regexFilter);
        measure("simplifiedRegexFilter", nginx, bench::simplifiedRegexFilter);
        nginx = null;
        PipelineBench.Json json = new PipelineBench.Json();
        json.generate();
        measure("jsonNumericFilter", json, bench::jsonNumericFilter);
        json = null;
        PipelineBench.Logfmt logfmt = new PipelineBench.Logfmt();
        logfmt.generate();
        measure("logfmtLabelFilter", logfmt, bench::logfmtLabelFilter);
        measure("logfmtDurationFilterWithLabels", logfmt, bench::logfmtDurationFilterWithLabels);
    }

    private static <D extends PipelineBench.Data> void measure(String name, D data, ToIntFunction<D> op) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        int sink = 0;
        for (int i = 0; i < 5; i++) {
            sink += op.applyAsInt(data); // warm-up
        }
        double best = 0;
        for (int i = 0; i < 5; i++) {
            long t0 = mx.getCurrentThreadCpuTime();
            sink += op.applyAsInt(data);
            long cpu = mx.getCurrentThreadCpuTime() - t0;
            best = Math.max(best, data.bytes.length / 1e6 / (cpu / 1e9));
        }
        System.out.printf("%-32s %8.0f MB/s per CPU-second (best of 5)   [%d]%n", name, best, sink);
    }
}
