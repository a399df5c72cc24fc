package io.strata.storage;

import static io.strata.storage.Fixtures.APP;
import static io.strata.storage.Fixtures.WEB;
import static io.strata.storage.Fixtures.e;
import static io.strata.storage.Fixtures.push;
import static io.strata.storage.Fixtures.readAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.model.Direction;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Index segments are merged per (period, writer) without losing an entry or breaking WAL replay. */
class IndexCompactorTest {
    private static final long DAY = Duration.ofDays(1).toNanos();

    @TempDir
    Path dir;

    private final TestClock clock = Fixtures.clock();
    private final InMemoryObjectStore store = new InMemoryObjectStore();
    private final IndexCompactor compactor = new IndexCompactor(Duration.ofHours(24), IndexCompactor.SETTLE, 4);

    private long t0() {
        return clock.millis() * 1_000_000;
    }

    /** Three flushes of two streams by one writer, one by another: 4 segments in one period. */
    private List<String> fill(Storage a, Storage b) {
        List<String> expected = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            long ts = t0() + round * 1_000_000_000L;
            push(a, "t1", APP, e(ts, "api " + round), e(ts + 1, "api " + round + "b"));
            push(a, "t1", WEB, e(ts, "web " + round));
            a.flushAll();
            expected.add(ts + " api " + round);
            expected.add((ts + 1) + " api " + round + "b");
        }
        push(b, "t1", APP, e(t0() + 5_000_000_000L, "api from b"));
        b.flushAll();
        expected.add((t0() + 5_000_000_000L) + " api from b");
        return expected;
    }

    private List<String> segmentNames() {
        List<String> out = new ArrayList<>();
        for (String k : store.list("t1/index/")) {
            out.add(k.substring(k.lastIndexOf('/') + 1));
        }
        return out;
    }

    @Test
    void settledPeriodsAreMergedPerWriterAndEveryEntryStaysReadable() {
        StorageOptions oa = Fixtures.options(dir.resolve("a"), clock);
        StorageOptions ob = Fixtures.options(dir.resolve("b"), clock);
        List<String> expected;
        try (Storage a = Storage.open(oa, store); Storage b = Storage.open(ob, store)) {
            expected = fill(a, b);
        }
        assertEquals(4, segmentNames().size(), segmentNames().toString());
        // the period is not settled yet and under the live threshold: nothing happens
        assertEquals(new IndexCompactor.Result(0, 0), compactor.compact(store, "t1", t0()));

        IndexCompactor.Result r = compactor.compact(store, "t1", t0() + 2 * DAY);
        assertEquals(new IndexCompactor.Result(3, 1), r, "writer a's 3 segments merge; b has one");
        List<String> names = segmentNames();
        assertEquals(2, names.size(), names.toString());
        String merged = names.stream().filter(n -> SegmentName.parse(n).rewrite() > 0).findFirst().orElseThrow();
        SegmentName parsed = SegmentName.parse(merged);
        assertNotNull(parsed);
        assertEquals(1, parsed.rewrite());
        assertEquals(3, parsed.sequence(), "named after the highest input sequence: " + merged);

        List<String> sorted = new ArrayList<>(expected);
        sorted.sort(null);
        try (Storage fresh = Storage.open(Fixtures.options(dir.resolve("reader"), clock), store)) {
            assertEquals(sorted, readAll(fresh, "t1", APP, Direction.FORWARD));
            assertEquals(3, readAll(fresh, "t1", WEB, Direction.FORWARD).size());
        }
        // the writer restarts over the compacted index: WAL replay neither loses nor duplicates
        try (Storage a = Storage.open(oa, store); Storage b = Storage.open(ob, store)) {
            assertEquals(sorted, readAll(a, "t1", APP, Direction.FORWARD));
            assertEquals(3, readAll(a, "t1", WEB, Direction.FORWARD).size());
        }
        // idempotent: a second run has nothing to do
        assertEquals(new IndexCompactor.Result(0, 0), compactor.compact(store, "t1", t0() + 2 * DAY));
    }

    @Test
    void aCrashBetweenWriteAndDeleteOnlyLeavesDuplicatesThatTheNextRunMerges() {
        StorageOptions oa = Fixtures.options(dir.resolve("a"), clock);
        List<String> expected;
        try (Storage a = Storage.open(oa, store); Storage b = Storage.open(Fixtures.options(dir.resolve("b"), clock),
                store)) {
            expected = fill(a, b);
        }
        List<String> before = store.list("t1/index/");
        List<byte[]> saved = before.stream().map(k -> store.get(k).orElseThrow()).toList();
        compactor.compact(store, "t1", t0() + 2 * DAY);
        // "crash": the inputs come back as if they had never been deleted
        for (int i = 0; i < before.size(); i++) {
            store.put(before.get(i), saved.get(i));
        }
        try (Storage fresh = Storage.open(Fixtures.options(dir.resolve("r1"), clock), store)) {
            assertEquals(expected.size(), readAll(fresh, "t1", APP, Direction.FORWARD).size(), "duplicates are tolerated");
        }
        compactor.compact(store, "t1", t0() + 2 * DAY);
        List<String> names = segmentNames();
        assertEquals(2, names.size(), names.toString());
        assertTrue(names.stream().anyMatch(n -> n.endsWith("c2.idx")), "a new name, never an overwrite: " + names);
        IndexSegment merged = IndexSegment.decode(store.get(store.list("t1/index/").stream()
                .filter(k -> k.endsWith("c2.idx")).findFirst().orElseThrow()).orElseThrow());
        long refs = merged.streams().stream().mapToLong(s -> s.chunks().size()).sum();
        assertEquals(6, refs, "3 flushes x 2 streams, each ref once");
    }

    @Test
    void aLivePeriodIsMergedOnceItHasManySegments() {
        try (Storage a = Storage.open(Fixtures.options(dir.resolve("a"), clock), store)) {
            for (int i = 0; i < 4; i++) {
                push(a, "t1", APP, e(t0() + i, "line " + i));
                a.flushAll();
            }
            assertEquals(new IndexCompactor.Result(4, 1), compactor.compact(store, "t1", t0()));
            assertEquals(1, segmentNames().size());
            // the writer keeps flushing next to the compacted segment; the next live merge leaves it alone
            for (int i = 10; i < 14; i++) {
                push(a, "t1", APP, e(t0() + i, "line " + i));
                a.flushAll();
            }
            assertEquals(new IndexCompactor.Result(4, 1), compactor.compact(store, "t1", t0()));
            assertEquals(2, segmentNames().size(), segmentNames().toString());
            // once the period settles everything becomes one segment
            assertEquals(new IndexCompactor.Result(2, 1), compactor.compact(store, "t1", t0() + 2 * DAY));
            assertEquals(1, segmentNames().size(), segmentNames().toString());
        }
        try (Storage fresh = Storage.open(Fixtures.options(dir.resolve("r"), clock), store)) {
            assertEquals(8, readAll(fresh, "t1", APP, Direction.FORWARD).size());
        }
    }

    @Test
    void segmentNamesParse() {
        assertEquals(new SegmentName("w0a", 12, 0), SegmentName.parse("w0a-000000000012.idx"));
        assertEquals(new SegmentName("w0a", 12, 3), SegmentName.parse("w0a-000000000012c3.idx"));
        assertEquals("w0a-000000000012c3.idx", new SegmentName("w0a", 12, 3).fileName());
        assertEquals(null, SegmentName.parse("w0a-12c0.idx"));
        assertEquals(null, SegmentName.parse("w0a-x.idx"));
        assertEquals(null, SegmentName.parse("nodash.idx"));
    }
}
