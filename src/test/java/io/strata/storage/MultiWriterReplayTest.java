package io.strata.storage;

import static io.strata.storage.Fixtures.APP;
import static io.strata.storage.Fixtures.e;
import static io.strata.storage.Fixtures.push;
import static io.strata.storage.Fixtures.readAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.model.Direction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several writers share one object store: WAL replay skips only records covered by the replaying
 * writer's own segments (sequence numbers are per writer), whatever other writers flushed.
 */
class MultiWriterReplayTest {
    @TempDir
    Path dir;

    private final TestClock clock = Fixtures.clock();

    private Storage open(String name, ObjectStore store) {
        return Storage.open(Fixtures.options(dir.resolve(name), clock), store);
    }

    /** Copies a WAL directory tree (the state a crash between index put and WAL truncation leaves). */
    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void deleteTree(Path p) throws IOException {
        try (Stream<Path> files = Files.walk(p)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
    }

    private static List<String> lines(int from, int to, String prefix) {
        List<String> out = new ArrayList<>();
        for (int i = from; i <= to; i++) {
            out.add(i + " " + prefix + i);
        }
        return out;
    }

    @Test
    void anotherWritersRefsNeverSkipOurWalRecords() throws Exception {
        try (LocalDiskObjectStore store = new LocalDiskObjectStore(dir.resolve("shared"))) {
            try (Storage b = open("b", store)) {
                for (int i = 101; i <= 103; i++) {
                    push(b, "t1", APP, e(i, "b" + i)); // B's WAL sequence numbers 1..3
                }
            } // B stops without flushing: its entries live only in its WAL
            try (Storage a = open("a", store)) {
                for (int i = 1; i <= 5; i++) {
                    push(a, "t1", APP, e(i, "a" + i)); // A's sequence numbers 1..5, same stream
                }
                a.flushAll(); // A's ref for the stream covers sequence numbers 1..5
            }
            List<String> expected = new ArrayList<>(lines(1, 5, "a"));
            expected.addAll(lines(101, 103, "b"));
            try (Storage b = open("b", store)) {
                assertEquals(expected, readAll(b, "t1", APP, Direction.FORWARD),
                        "B's records 1..3 are not covered by A's refs");
                assertEquals(1, b.activeStreams("t1"));
            }
        }
    }

    @Test
    void ownFlushedRecordsAreStillSkippedAfterACrashBeforeTruncation() throws Exception {
        InMemoryObjectStore store = new InMemoryObjectStore();
        Path wal = dir.resolve("b/wal");
        Path backup = dir.resolve("wal-backup");
        try (Storage a = open("a", store)) {
            push(a, "t1", APP, e(1, "a1"), e(2, "a2"));
            a.flushAll();
        }
        try (Storage b = open("b", store)) {
            push(b, "t1", APP, e(10, "b10"));
            push(b, "t1", APP, e(11, "b11"));
            copyTree(wal, backup);
            b.flushAll();
        }
        deleteTree(wal);
        copyTree(backup, wal); // as if B crashed after writing its index segment, before truncating
        List<String> expected = List.of("1 a1", "2 a2", "10 b10", "11 b11");
        try (Storage b = open("b", store)) {
            assertEquals(expected, readAll(b, "t1", APP, Direction.FORWARD), "no duplicates, nothing lost");
            assertEquals(0, b.activeStreams("t1"), "every replayed record was B's own flushed data");
        }
        try (Storage a = open("a", store)) {
            assertEquals(expected, readAll(a, "t1", APP, Direction.FORWARD));
        }
    }

    @Test
    void compactedOwnSegmentsCountAsOwnedAndKeepSequenceNumbersIncreasing() throws Exception {
        InMemoryObjectStore store = new InMemoryObjectStore();
        Path wal = dir.resolve("w/wal");
        Path backup = dir.resolve("wal-backup");
        String writerId;
        try (Storage w = Storage.open(Fixtures.options(dir.resolve("w"), clock).withWriterId("w1"), store)) {
            writerId = w.writerId();
            push(w, "t1", APP, e(1, "x1"));
            w.flushAll();
            push(w, "t1", APP, e(2, "x2"));
            copyTree(wal, backup);
            w.flushAll();
        }
        assertEquals("w1", writerId);
        List<String> segments = store.list("t1/index/");
        assertEquals(2, segments.size());
        List<IndexSegment.StreamChunks> merged = new ArrayList<>();
        long period = 0;
        for (String key : segments) {
            assertTrue(IndexSync.segmentName(key).startsWith("w1-"), key);
            IndexSegment seg = IndexSegment.decode(store.get(key).orElseThrow());
            merged.addAll(seg.streams());
            period = seg.periodStart();
        }
        String prefix = "t1/index/" + period + "/";
        store.put(prefix + "w1-000000000007c2.idx", new IndexSegment("t1", period, merged).encode());
        segments.forEach(store::delete);
        store.put(prefix + "w1-notanumber.idx", new byte[] {9}); // must not break opening
        deleteTree(wal);
        copyTree(backup, wal);
        try (Storage w = Storage.open(Fixtures.options(dir.resolve("w"), clock), store)) {
            assertEquals(List.of("1 x1", "2 x2"), readAll(w, "t1", APP, Direction.FORWARD),
                    "records covered by the compacted segment are skipped");
            push(w, "t1", APP, e(3, "x3"));
            w.flushAll();
        }
        assertTrue(store.list(prefix).contains(prefix + "w1-000000000008.idx"), store.list(prefix).toString());
    }

    @Test
    void writerIdComesFromOptionsSanitisedButAnExistingFileWins() throws Exception {
        InMemoryObjectStore store = new InMemoryObjectStore();
        try (Storage w = Storage.open(Fixtures.options(dir.resolve("w"), clock).withWriterId("Strata-Write_0!"), store)) {
            assertEquals("stratawrite0", w.writerId());
            push(w, "t1", APP, e(1, "x"));
            w.flushAll();
        }
        assertTrue(IndexSync.segmentName(store.list("t1/index/").get(0)).startsWith("stratawrite0-"));
        assertEquals("stratawrite0", Files.readString(dir.resolve("w/writer-id")).trim());
        try (Storage w = Storage.open(Fixtures.options(dir.resolve("w"), clock).withWriterId("other"), store)) {
            assertEquals("stratawrite0", w.writerId(), "the writer-id file wins");
        }
        String longId = "A".repeat(40);
        try (Storage w = Storage.open(Fixtures.options(dir.resolve("long"), clock).withWriterId(longId), store)) {
            assertEquals("a".repeat(32), w.writerId());
        }
        try (Storage w = Storage.open(Fixtures.options(dir.resolve("none"), clock).withWriterId("--"), store)) {
            assertTrue(w.writerId().matches("w[0-9a-f]{10}"), w.writerId());
        }
    }

    @Test
    void ownSequenceParsesOnlyThisWritersNumberedNames() {
        assertEquals(5, Opening.ownSequence("w1-000000000005.idx", "w1"));
        assertEquals(5, Opening.ownSequence("w1-000000000005c3.idx", "w1"));
        assertEquals(-1, Opening.ownSequence("w1-abc.idx", "w1"));
        assertEquals(-1, Opening.ownSequence("w12-000000000005.idx", "w1"));
        assertEquals(-1, Opening.ownSequence("w1-99999999999999999999999.idx".replace("idx", "x"), "w1"));
        assertTrue(Opening.ownSequence("w1-99999999999999999999999.idx", "w1") > 0, "long numbers do not overflow");
    }
}
