package io.strata.cluster;

import io.strata.model.Direction;
import io.strata.model.EntryIterator;
import io.strata.model.Labels;
import io.strata.model.LogEntry;
import io.strata.model.PushStream;
import io.strata.storage.InMemoryObjectStore;
import io.strata.storage.ScanHints;
import io.strata.storage.Storage;
import io.strata.storage.StorageOptions;
import io.strata.storage.StreamInfo;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What one question to a writer costs a reader on loopback: {@link WriterClient#streams} and one
 * stream's {@link WriterClient#entries} (request, whole body, lazy decode, drain), against a JDK
 * {@code HttpServer} writer (FakeWriter) over a real head; and a query's worth, one listing and 50
 * small streams read one after the other (the engine's order), where {@link EntriesPrefetch} overlaps
 * the per-stream requests. Run with
 * {@code java -cp <test classpath> org.openjdk.jmh.Main WriterRoundTripBench}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 4)
@Fork(1)
public class WriterRoundTripBench {
    private static final long T0 = 1_700_000_000_000_000_000L;

    @Param({"100", "10000"})
    public int entries;

    private Path dir;
    private Storage head;
    private FakeWriter writer;
    private HttpClient http;
    private WriterClient client;
    private StreamInfo stream;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        dir = Files.createTempDirectory("writer-bench");
        head = Storage.open(StorageOptions.defaults(dir).withShards(1), new InMemoryObjectStore());
        Labels labels = Labels.of("app", "api", "pod", "api-0");
        List<LogEntry> batch = new ArrayList<>();
        for (int i = 0; i < entries; i++) {
            batch.add(new LogEntry(T0 + i * 1_000_000L, "level=info path=/api/v1/users/" + i
                    + " status=200 duration=" + (i % 900) + "ms"));
        }
        head.append("t", List.of(new PushStream(labels, batch)));
        for (int i = 0; i < 50; i++) {
            head.append("t", List.of(new PushStream(Labels.of("app", "other", "n", Integer.toString(i)),
                    List.of(new LogEntry(T0, "x")))));
        }
        writer = new FakeWriter(head);
        writer.record = false;
        http = WriterClient.httpClient(Duration.ofSeconds(1));
        client = new WriterClient(writer.authority(), http, Duration.ofSeconds(10), (w, e) -> { });
        stream = new StreamInfo(labels.fingerprint(), labels);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        writer.close();
        http.close();
        head.close();
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** A query's worth: list the 50 small streams of app=other, then read each (prefetched in parallel). */
    @Benchmark
    public long fiftyStreams() {
        long sum = 0;
        List<StreamInfo> listed = client.streams("t", List.of(io.strata.model.Matcher.equal("app", "other")), T0,
                T0 + 1_000_000);
        for (StreamInfo s : listed) {
            try (EntryIterator it = client.entries("t", s, T0, T0 + 1_000_000, Direction.FORWARD, ScanHints.NONE)) {
                while (it.next()) {
                    sum += it.lineLength();
                }
            }
        }
        return sum;
    }

    @Benchmark
    public int streams() {
        return client.streams("t", List.of(), T0, T0 + Long.MAX_VALUE / 4).size();
    }

    @Benchmark
    public long entries() {
        long sum = 0;
        try (EntryIterator it = client.entries("t", stream, T0, T0 + Long.MAX_VALUE / 4, Direction.FORWARD,
                ScanHints.NONE)) {
            while (it.next()) {
                sum += it.lineLength();
            }
        }
        return sum;
    }
}
