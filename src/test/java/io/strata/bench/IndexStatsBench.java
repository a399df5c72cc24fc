package io.strata.bench;

import io.strata.model.Direction;
import io.strata.model.EntryIterator;
import io.strata.model.Labels;
import io.strata.model.LogEntry;
import io.strata.model.MatchType;
import io.strata.model.Matcher;
import io.strata.model.PushStream;
import io.strata.query.QueryContext;
import io.strata.query.QueryService;
import io.strata.query.VolumeRequest;
import io.strata.storage.ScanHints;
import io.strata.storage.Storage;
import io.strata.storage.StorageOptions;
import io.strata.storage.StreamInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.openjdk.jmh.annotations.TearDown;

/**
 * {@code index/stats} and {@code index/volume} over one hour of 60 streams (600 000 realistic
 * lines, about 90 MB, most of it flushed) from chunk summaries, against the former way of reading
 * every line of the range ({@code readAllLines}). Run:
 *
 * <pre>
 * bench/jmh.sh IndexStatsBench -wi 1 -i 3 -f 1 -w 2s -r 3s
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgs = {"-Xmx2g"})
@State(Scope.Benchmark)
public class IndexStatsBench {
    private static final long HOUR = 3_600_000_000_000L;
    private static final List<Matcher> ALL = List.of(Matcher.of(MatchType.REGEX, "app", ".+"));

    Path dir;
    Storage storage;
    QueryService service;
    long from;
    long through;

    @Setup
    public void setup() throws IOException {
        dir = Files.createTempDirectory("index-stats-bench");
        storage = Storage.open(StorageOptions.defaults(dir));
        service = new QueryService(storage);
        LogLineGenerator gen = new LogLineGenerator(7);
        through = System.currentTimeMillis() * 1_000_000L;
        from = through - HOUR;
        int streams = 60;
        int perStream = 10_000;
        for (int batch = 0; batch < perStream / 1000; batch++) {
            List<PushStream> push = new ArrayList<>();
            for (int s = 0; s < streams; s++) {
                List<LogEntry> entries = new ArrayList<>(1000);
                for (int i = batch * 1000; i < (batch + 1) * 1000; i++) {
                    long ts = from + (HOUR / perStream) * i + s;
                    entries.add(new LogEntry(ts, gen.line(s % LogLineGenerator.streamCount(), ts)));
                }
                push.add(new PushStream(Labels.of("app", "app-" + (s % 6), "pod", "pod-" + s), entries));
            }
            storage.append("bench", push);
            if (batch == perStream / 1000 - 2) {
                storage.flushAll();
            }
        }
    }

    @TearDown
    public void tearDown() throws IOException {
        storage.close();
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Benchmark
    public Object indexStats() {
        return service.indexStatistics(QueryContext.of("bench"), ALL, from, through);
    }

    @Benchmark
    public Object volume() {
        return service.volume(QueryContext.of("bench"),
                new VolumeRequest(ALL, from, through, 0, 100, List.of(), false));
    }

    /** volume_range over the hour at a 15 s step (240 buckets), as Grafana's log volume asks. */
    @Benchmark
    public Object volumeRange() {
        return service.volume(QueryContext.of("bench"),
                new VolumeRequest(ALL, from, through, 15_000_000_000L, 100, List.of(), false));
    }

    @Benchmark
    public long readAllLines() {
        long bytes = 0;
        for (StreamInfo info : storage.streams("bench", ALL, from, through)) {
            try (EntryIterator it = storage.entries("bench", info, from, through, Direction.FORWARD, ScanHints.NONE)) {
                while (it.next()) {
                    bytes += it.lineLength();
                }
            }
        }
        return bytes;
    }
}
