package io.strata.bench;

import io.strata.model.Direction;
import io.strata.model.EntryIterator;
import io.strata.model.Labels;
import io.strata.model.LogEntry;
import io.strata.model.PushStream;
import io.strata.storage.InMemoryObjectStore;
import io.strata.storage.LocalDiskObjectStore;
import io.strata.storage.ScanHints;
import io.strata.storage.Storage;
import io.strata.storage.StorageOptions;
import io.strata.storage.StreamInfo;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Storage throughput: appends (WAL + head + background flush to local disk) and scans of flushed
 * chunks with cold caches (decompression included), full and with a needle hint.
 *
 * <p>Run: {@code java -cp target/test-classes:target/classes:$(cat cp.txt) org.openjdk.jmh.Main
 * StorageBench -wi 2 -i 3 -f 1}. Every invocation processes {@link #PUSH_BYTES} (append) or the
 * whole data set (scans); the tear-down also prints the process CPU seconds per GiB appended.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgs = {"-Xmx2g"})
public class StorageBench {
    static final int PUSH_BYTES = 1 << 20;
    static final int SCAN_MIB = 64;

    static List<String> lines(Random r, int bytes) {
        String[] paths = {"/api/v1/users", "/api/v1/orders", "/health", "/api/v2/search", "/static/app.js"};
        String[] levels = {"info", "info", "info", "warn", "debug", "error"};
        List<String> out = new ArrayList<>();
        int total = 0;
        while (total < bytes) {
            String line = "level=" + levels[r.nextInt(levels.length)] + " caller=server.go:" + (100 + r.nextInt(400))
                    + " msg=\"request served\" method=GET path=" + paths[r.nextInt(paths.length)] + "/"
                    + r.nextInt(100000) + " status=" + (r.nextInt(20) == 0 ? 500 : 200) + " duration="
                    + r.nextInt(2000) / 10.0 + "ms trace_id=" + Long.toHexString(r.nextLong());
            out.add(line);
            total += line.length();
        }
        return out;
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> files = Files.walk(p)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
    }

    /** A storage on local disk receiving pushes of ~1 MiB over 10 streams (Promtail-like batches). */
    @State(Scope.Benchmark)
    public static class AppendState {
        Path dir;
        Storage storage;
        List<String> lines;
        final AtomicLong clock = new AtomicLong();
        final AtomicLong bytes = new AtomicLong();
        long cpuStart;

        @Setup(Level.Trial)
        public void setup() throws IOException {
            dir = Files.createTempDirectory("storage-bench");
            storage = Storage.open(StorageOptions.defaults(dir));
            lines = lines(new Random(1), PUSH_BYTES);
        }

        @Setup(Level.Iteration)
        public void startIteration() {
            bytes.set(0);
            cpuStart = processCpuNanos();
        }

        @TearDown(Level.Iteration)
        public void endIteration() {
            double gib = bytes.get() / (double) (1L << 30);
            double cpu = (processCpuNanos() - cpuStart) / 1e9;
            System.out.printf("%n  appended %.2f GiB, process CPU %.2f s => %.2f CPU-s/GiB%n", gib, cpu, cpu / gib);
        }

        @TearDown(Level.Trial)
        public void tearDown() throws IOException {
            storage.close();
            deleteTree(dir);
        }

        List<PushStream> nextPush() {
            long base = clock.addAndGet(lines.size()) * 1000;
            List<List<LogEntry>> per = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                per.add(new ArrayList<>());
            }
            for (int i = 0; i < lines.size(); i++) {
                per.get(i % 10).add(new LogEntry(base + i, lines.get(i)));
            }
            List<PushStream> out = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                out.add(new PushStream(Labels.of("app", "bench", "pod", "pod-" + i), per.get(i)));
            }
            return out;
        }
    }

    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** Ops/s × 1 MiB = MiB/s appended (4 threads share WAL syncs). */
    @Benchmark
    @Threads(4)
    public void append(AppendState s) {
        List<PushStream> push = s.nextPush(); // building the request is the HTTP layer's cost; small here
        s.storage.append("bench", push);
        s.bytes.addAndGet(PUSH_BYTES);
    }

    /** 64 MiB of lines in one stream, flushed to an in-memory store. */
    @State(Scope.Benchmark)
    public static class ScanState {
        Path dir;
        Storage storage;
        StreamInfo stream;

        @Setup(Level.Trial)
        public void setup() throws IOException {
            dir = Files.createTempDirectory("storage-bench-scan");
            storage = Storage.open(StorageOptions.defaults(dir), new InMemoryObjectStore());
            Random r = new Random(2);
            Labels labels = Labels.of("app", "scan");
            long ts = 0;
            for (int mib = 0; mib < SCAN_MIB; mib++) {
                List<LogEntry> batch = new ArrayList<>();
                for (String l : lines(r, 1 << 20)) {
                    batch.add(new LogEntry(ts++, mib == SCAN_MIB / 2 && batch.size() == 10 ? l + " needle=zq9xk" : l));
                }
                storage.append("bench", List.of(new PushStream(labels, batch)));
            }
            storage.flushAll();
            stream = new StreamInfo(labels.fingerprint(), labels);
        }

        final AtomicLong scanned = new AtomicLong();
        long cpuStart;

        @Setup(Level.Iteration)
        public void startIteration() {
            scanned.set(0);
            cpuStart = processCpuNanos();
        }

        @TearDown(Level.Iteration)
        public void endIteration() {
            double cpu = (processCpuNanos() - cpuStart) / 1e9;
            System.out.printf("%n  scanned %d MiB of lines, process CPU %.2f s => %.0f MiB per CPU-second%n",
                    scanned.get() >> 20, cpu, (scanned.get() >> 20) / cpu);
        }

        @TearDown(Level.Trial)
        public void tearDown() throws IOException {
            System.out.println("\n  " + storage.stats());
            storage.close();
            deleteTree(dir);
        }
    }

    private static long scan(ScanState s, ScanHints hints) {
        s.storage.dropCaches();
        long n = 0;
        try (EntryIterator it = s.storage.entries("bench", s.stream, 0, Long.MAX_VALUE, Direction.FORWARD, hints)) {
            while (it.next()) {
                n += it.lineLength();
            }
        }
        s.scanned.addAndGet(SCAN_MIB << 20);
        return n;
    }

    /** Ops/s × 64 MiB = MiB/s scanned, cold caches (fetch + checksum + snappy + entry index). */
    @Benchmark
    public long fullScan(ScanState s) {
        return scan(s, ScanHints.NONE);
    }

    /** Ops/s × 64 MiB = effective MiB/s when a required substring lets blooms skip blocks. */
    @Benchmark
    public long needleScan(ScanState s) {
        return scan(s, new ScanHints(List.of("needle=zq9xk")));
    }
}
