package io.strata.storage;

import static io.strata.storage.Fixtures.APP;
import static io.strata.storage.Fixtures.WEB;
import static io.strata.storage.Fixtures.e;
import static io.strata.storage.Fixtures.push;
import static io.strata.storage.Fixtures.readAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.model.Direction;
import io.strata.model.LogEntry;
import io.strata.model.PushStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Chunks are cut by size, age and idle time, flushed with index segments, and the WAL shrinks. */
class StorageFlushTest {
    @TempDir
    Path dir;

    private final TestClock clock = Fixtures.clock();
    private final InMemoryObjectStore store = new InMemoryObjectStore();

    private static List<LogEntry> randomLines(Random r, long startTs, int n) {
        List<LogEntry> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(e(startTs + i, "request id=" + Long.toHexString(r.nextLong()) + " took " + r.nextInt(1000) + "ms"));
        }
        return out;
    }

    @Test
    void fullChunksAreCutBySizeAndFlushedWithAnIndexSegment() {
        StorageOptions o = Fixtures.options(dir, clock).withSizes(8 * 1024, 2 * 1024);
        Random r = new Random(1);
        List<String> expected = new ArrayList<>();
        try (Storage s = Storage.open(o, store)) {
            for (int i = 0; i < 20; i++) {
                List<LogEntry> batch = randomLines(r, i * 1000L, 100);
                batch.forEach(x -> expected.add(x.timestampNanos() + " " + x.line()));
                s.append("t1", List.of(new PushStream(APP, batch)));
            }
            s.flushDue(); // no timer is due: only the size-cut chunks are written
            StorageStats st = s.stats();
            assertTrue(st.chunksFlushed() >= 3, "chunks flushed: " + st.chunksFlushed());
            assertTrue(st.headEntries() < 2000, "some data still in the head: " + st.headEntries());
            assertFalse(store.list("t1/index/").isEmpty());
            List<String> chunkKeys = store.list("t1/chunks/");
            assertEquals(st.chunksFlushed(), chunkKeys.size());
            assertTrue(chunkKeys.get(0).matches("t1/chunks/\\d+/[0-9a-f]{16}/\\d+-\\d+-[0-9a-f]{8}"), chunkKeys.get(0));
            for (String k : chunkKeys) {
                assertTrue(store.get(k).get().length < 8 * 1024 + 4 * 1024, "chunk near target size");
            }
            assertEquals(expected, readAll(s, "t1", APP, Direction.FORWARD));
        }
        try (Storage s = Storage.open(o, store)) {
            assertEquals(expected, readAll(s, "t1", APP, Direction.FORWARD));
        }
    }

    @Test
    void idleStreamsAreFlushedAfterTheIdlePeriod() {
        StorageOptions o = Fixtures.options(dir, clock).withPeriods(Duration.ofHours(2), Duration.ofMinutes(30),
                Duration.ofHours(1));
        try (Storage s = Storage.open(o, store)) {
            push(s, "t1", APP, e(1, "a"));
            push(s, "t1", WEB, e(1, "b"));
            clock.advance(Duration.ofMinutes(20));
            push(s, "t1", WEB, e(2, "c"));
            s.flushDue();
            assertEquals(0, s.stats().chunksFlushed());
            clock.advance(Duration.ofMinutes(10));
            s.flushDue();
            assertEquals(1, s.stats().chunksFlushed(), "only the idle stream");
            assertFalse(s.isActive("t1", APP));
            assertTrue(s.isActive("t1", WEB));
            assertEquals(1, s.activeStreams("t1"));
            assertEquals(List.of("1 a"), readAll(s, "t1", APP, Direction.FORWARD));
        }
    }

    @Test
    void oldChunksAreCutAtMaxAgeEvenWhenBusy() {
        StorageOptions o = Fixtures.options(dir, clock).withPeriods(Duration.ofHours(2), Duration.ofMinutes(30),
                Duration.ofHours(1));
        try (Storage s = Storage.open(o, store)) {
            for (int i = 0; i < 13; i++) {
                push(s, "t1", APP, e(i, "line " + i));
                clock.advance(Duration.ofMinutes(10));
                s.flushDue();
            }
            assertEquals(1, s.stats().chunksFlushed());
            assertEquals(1, s.stats().headEntries(), "the entry after the cut");
            assertEquals(13, readAll(s, "t1", APP, Direction.FORWARD).size());
        }
    }

    @Test
    void walSegmentsAreDeletedOnceFlushed() throws IOException {
        StorageOptions o = Fixtures.options(dir, clock).withShards(1);
        try (Storage s = Storage.open(o, store)) {
            for (int i = 0; i < 100; i++) {
                push(s, "t1", APP, e(i, "line " + i));
            }
            long before = walBytes();
            assertTrue(before > 1000, "WAL holds the pushes: " + before);
            s.flushAll();
            assertTrue(walBytes() < 100, "WAL emptied after flush: " + walBytes());
            push(s, "t1", APP, e(1000, "after"));
        }
        try (Storage s = Storage.open(o, store)) {
            List<String> all = readAll(s, "t1", APP, Direction.FORWARD);
            assertEquals(101, all.size());
            assertEquals("1000 after", all.get(100));
        }
    }

    @Test
    void replayAfterFlushDoesNotDuplicateFlushedEntries() throws IOException {
        StorageOptions o = Fixtures.options(dir, clock).withShards(1);
        Path walCopy = dir.resolveSibling(dir.getFileName() + "-walcopy");
        try (Storage s = Storage.open(o, store)) {
            push(s, "t1", APP, e(1, "a"), e(2, "b"));
            push(s, "t1", WEB, e(1, "w"));
            // simulate a crash between the chunk/index write and the WAL truncation: keep a copy of the WAL
            copyTree(dir.resolve("wal"), walCopy);
            s.flushAll();
            push(s, "t1", APP, e(3, "c"));
        }
        deleteTree(dir.resolve("wal"));
        copyTree(walCopy, dir.resolve("wal"));
        try (Storage s = Storage.open(o, store)) {
            // entries 1,2 and w are in flushed chunks; the restored WAL lacks c (it was written after the copy)
            assertEquals(List.of("1 a", "2 b"), readAll(s, "t1", APP, Direction.FORWARD));
            assertEquals(List.of("1 w"), readAll(s, "t1", WEB, Direction.FORWARD));
            assertEquals(0, s.stats().headEntries());
        }
    }

    @Test
    void chunkWrittenButIndexMissingIsReplayedFromTheWal() {
        StorageOptions o = Fixtures.options(dir, clock).withShards(1);
        try (Storage s = Storage.open(o, store)) {
            push(s, "t1", APP, e(1, "a"), e(2, "b"));
        }
        // a crash after the chunk object was written but before the index segment: the orphan chunk is ignored
        store.put("t1/chunks/0/0000000000000001/1-2-00000000", new byte[] {1, 2, 3});
        try (Storage s = Storage.open(o, store)) {
            assertEquals(List.of("1 a", "2 b"), readAll(s, "t1", APP, Direction.FORWARD));
            s.flushAll();
        }
        try (Storage s = Storage.open(o, store)) {
            assertEquals(List.of("1 a", "2 b"), readAll(s, "t1", APP, Direction.FORWARD));
        }
    }

    @Test
    void listenerSeesFlushesAndSyncs() {
        List<String> events = new java.util.concurrent.CopyOnWriteArrayList<>();
        StorageListener l = new StorageListener() {
            @Override
            public void walSynced(long nanos, int records) {
                events.add("sync " + records);
            }

            @Override
            public void chunkFlushed(String tenant, long compressedBytes, long entries, String reason) {
                events.add("chunk " + tenant + " " + entries + " " + reason);
            }
        };
        try (Storage s = Storage.open(Fixtures.options(dir, clock).withListener(l), store)) {
            push(s, "t1", APP, e(1, "a"), e(2, "b"));
            s.flushAll();
        }
        assertEquals(List.of("sync 1", "chunk t1 2 forced"), events);
    }

    private long walBytes() throws IOException {
        try (Stream<Path> files = Files.walk(dir.resolve("wal"))) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        }
    }

    static void deleteTree(Path p) throws IOException {
        try (Stream<Path> files = Files.walk(p)) {
            for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
    }
}
