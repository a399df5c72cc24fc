package io.strata.storage;

import io.strata.model.Direction;
import io.strata.model.EntryIterator;
import io.strata.model.Labels;
import io.strata.model.LogEntry;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
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
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Costs the scale-out read path adds: decoding a writer's wire answer, re-encoding a cursor,
 * merging store and writer cursors with replica dedup, and an index sync that finds nothing new.
 * Run with {@code java -cp <test classpath> org.openjdk.jmh.Main ScaleOutBench}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class ScaleOutBench {
    static final int ENTRIES = 10_000;
    private static final Labels APP = Labels.of("app", "api");

    private byte[] wire;
    private byte[] overlapWire;
    private Path dir;
    private Storage reader;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        Random r = new Random(7);
        List<LogEntry> entries = new ArrayList<>();
        List<LogEntry> overlap = new ArrayList<>();
        for (int i = 0; i < ENTRIES; i++) {
            LogEntry e = new LogEntry(1_700_000_000_000_000_000L + i * 1_000_000L, "level=info path=/api/v1/"
                    + r.nextInt(100) + " status=200 duration=" + r.nextInt(900) + "ms trace=" + Long.toHexString(r.nextLong()));
            entries.add(e);
            if (i % 2 == 0) {
                overlap.add(e);
            }
        }
        wire = encode(entries);
        overlapWire = encode(overlap);
        dir = Files.createTempDirectory("scale-bench");
        InMemoryObjectStore store = new InMemoryObjectStore();
        for (int s = 0; s < 2000; s++) { // 2000 segments of 10 tenants, 1 stream and chunk each
            ChunkRef ref = new ChunkRef(0, s, s + 1, s, 1000, 4000, 10, s, s);
            String tenant = "t" + (s % 10);
            store.put(IndexSegment.key(tenant, 0, "w1", s), new IndexSegment(tenant, 0,
                    List.of(new IndexSegment.StreamChunks(Labels.of("app", "a" + s), List.of(ref)))).encode());
        }
        reader = Storage.open(StorageOptions.defaults(dir.resolve("r")).withReadOnly(true), store);
    }

    private static byte[] encode(List<LogEntry> entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        EntryStreamCodec.write(new ListEntries(entries), out);
        return out.toByteArray();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        reader.close();
    }

    /** Entries per second decoded from the wire. */
    @Benchmark
    @OperationsPerInvocation(ENTRIES)
    public void decodeWire(Blackhole bh) {
        try (EntryIterator it = EntryStreamCodec.read(new ByteArrayInputStream(wire))) {
            while (it.next()) {
                bh.consume(it.timestamp());
                bh.consume(it.lineLength());
            }
        }
    }

    /** Entries per second decoded and encoded again (what a proxying hop costs). */
    @Benchmark
    @OperationsPerInvocation(ENTRIES)
    public void decodeAndEncodeWire() {
        EntryStreamCodec.write(EntryStreamCodec.read(new ByteArrayInputStream(wire)), OutputStream.nullOutputStream());
    }

    /** Entries per second out of a merge of a full and a half-overlapping source (5000 duplicates dropped). */
    @Benchmark
    @OperationsPerInvocation(ENTRIES)
    public void mergeWithDedup(Blackhole bh) {
        EntryIterator[] its = {EntryStreamCodec.read(new ByteArrayInputStream(wire)),
            EntryStreamCodec.read(new ByteArrayInputStream(overlapWire))};
        try (EntryIterator it = new DedupMerge(its, new boolean[] {true, false}, Direction.FORWARD, e -> {})) {
            while (it.next()) {
                bh.consume(it.lineLength());
            }
        }
    }

    /** A sync over 10 tenants and 2000 segments that finds nothing new. */
    @Benchmark
    public SyncResult syncNothingNew() {
        return reader.syncIndex();
    }
}
