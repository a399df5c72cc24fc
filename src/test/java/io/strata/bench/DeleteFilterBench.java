package io.strata.bench;

import io.strata.compactor.DeleteFilter;
import io.strata.compactor.DeleteRequests;
import io.strata.logql.syntax.LogqlParser;
import io.strata.model.Direction;
import io.strata.model.EntryIterator;
import io.strata.model.Labels;
import io.strata.model.LogEntry;
import io.strata.model.PushStream;
import io.strata.storage.InMemoryObjectStore;
import io.strata.storage.LogReader;
import io.strata.storage.ScanHints;
import io.strata.storage.Storage;
import io.strata.storage.StorageOptions;
import io.strata.storage.StreamInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of query-time delete filtering: a warm scan of 32 MiB of flushed logfmt lines in one
 * stream, plain, and through {@link DeleteFilter} with a request that has a line filter
 * ({@code |= "status=500"}) or none (time range only). Score = full scans per second.
 * Run: {@code bench/jmh.sh DeleteFilterBench}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1, time = 3)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgs = {"-Xmx2g"})
@State(Scope.Benchmark)
public class DeleteFilterBench {
    static final Labels STREAM = Labels.of("app", "api");
    static final StreamInfo INFO = new StreamInfo(STREAM.fingerprint(), STREAM);

    private Path dir;
    private Storage storage;
    private LogReader lineFiltered;
    private LogReader rangeOnly;
    private long from;
    private long through;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        dir = Files.createTempDirectory("delete-filter-bench");
        storage = Storage.open(StorageOptions.defaults(dir).withShards(1), new InMemoryObjectStore());
        Random r = new Random(7);
        long ts = System.currentTimeMillis() * 1_000_000 - 3_600_000_000_000L;
        from = ts;
        List<String> lines = StorageBench.lines(r, 32 << 20);
        List<LogEntry> batch = new ArrayList<>();
        for (String line : lines) {
            batch.add(new LogEntry(ts++, line));
            if (batch.size() == 1000) {
                storage.append("t", List.of(new PushStream(STREAM, batch)));
                batch = new ArrayList<>();
            }
        }
        storage.append("t", List.of(new PushStream(STREAM, batch)));
        storage.flushAll();
        through = ts;
        long mid = from + (through - from) / 2;
        List<DeleteRequests.Active> withFilter = List.of(new DeleteRequests.Active("a",
                LogqlParser.parseLogSelector("{app=\"api\"} |= \"status=500\"", false), from, through));
        List<DeleteRequests.Active> timeOnly = List.of(new DeleteRequests.Active("b",
                LogqlParser.parseLogSelector("{app=\"api\"}", false), mid, mid + 1_000_000));
        lineFiltered = new DeleteFilter(storage, t -> withFilter);
        rangeOnly = new DeleteFilter(storage, t -> timeOnly);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        storage.close();
        StorageBench.deleteTree(dir);
    }

    private long scan(LogReader reader) {
        long n = 0;
        try (EntryIterator it = reader.entries("t", INFO, from, through + 1, Direction.FORWARD, ScanHints.NONE)) {
            while (it.next()) {
                n += it.lineLength();
            }
        }
        return n;
    }

    @Benchmark
    public long plain() {
        return scan(storage);
    }

    @Benchmark
    public long deleteWithLineFilter() {
        return scan(lineFiltered);
    }

    @Benchmark
    public long deleteTimeRangeOnly() {
        return scan(rangeOnly);
    }
}
