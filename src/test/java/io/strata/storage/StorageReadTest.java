package io.strata.storage;

import static io.strata.storage.Fixtures.APP;
import static io.strata.storage.Fixtures.WEB;
import static io.strata.storage.Fixtures.e;
import static io.strata.storage.Fixtures.push;
import static io.strata.storage.Fixtures.read;
import static io.strata.storage.Fixtures.readAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.model.Direction;
import io.strata.model.ErrorCategory;
import io.strata.model.Labels;
import io.strata.model.LogEntry;
import io.strata.model.Matcher;
import io.strata.model.MatchType;
import io.strata.model.StrataException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** Reads give the same answer with data in the head, flushed, and after a restart. */
class StorageReadTest {
    enum Where { HEAD, FLUSHED, REOPENED_HEAD, REOPENED_FLUSHED }

    @TempDir
    Path dir;

    /** Writes with {@code writer}, moves the data to {@code where}, then checks with {@code check}. */
    private void scenario(Where where, Consumer<Storage> writer, Consumer<Storage> check) {
        TestClock clock = Fixtures.clock();
        InMemoryObjectStore store = new InMemoryObjectStore();
        Storage s = Storage.open(Fixtures.options(dir, clock), store);
        try {
            writer.accept(s);
            switch (where) {
                case HEAD -> check.accept(s);
                case FLUSHED -> {
                    s.flushAll();
                    check.accept(s);
                }
                case REOPENED_HEAD, REOPENED_FLUSHED -> {
                    if (where == Where.REOPENED_FLUSHED) {
                        s.flushAll();
                    }
                    s.close();
                    s = Storage.open(Fixtures.options(dir, clock), store);
                    check.accept(s);
                }
            }
        } finally {
            s.close();
        }
    }

    @ParameterizedTest
    @EnumSource(value = Where.class, names = {"HEAD", "FLUSHED", "REOPENED_HEAD", "REOPENED_FLUSHED"})
    void roundTripBothDirections(Where where) {
        scenario(where, s -> {
            push(s, "t1", APP, e(1, "one"), e(2, "two"), e(3, "three"));
            push(s, "t1", WEB, e(5, "web"));
        }, s -> {
            assertEquals(List.of("1 one", "2 two", "3 three"), readAll(s, "t1", APP, Direction.FORWARD));
            assertEquals(List.of("3 three", "2 two", "1 one"), readAll(s, "t1", APP, Direction.BACKWARD));
            assertEquals(List.of("5 web"), readAll(s, "t1", WEB, Direction.FORWARD));
            assertEquals(List.of(), readAll(s, "t2", APP, Direction.FORWARD));
        });
    }

    @ParameterizedTest
    @EnumSource(value = Where.class, names = {"HEAD", "FLUSHED", "REOPENED_HEAD", "REOPENED_FLUSHED"})
    void timeBoundsAreHalfOpen(Where where) {
        scenario(where, s -> push(s, "t1", APP, e(10, "a"), e(20, "b"), e(30, "c"), e(40, "d")), s -> {
            assertEquals(List.of("20 b", "30 c"), read(s, "t1", APP, 20, 40, Direction.FORWARD, ScanHints.NONE));
            assertEquals(List.of("30 c", "20 b"), read(s, "t1", APP, 11, 31, Direction.BACKWARD, ScanHints.NONE));
            assertEquals(List.of(), read(s, "t1", APP, 41, 100, Direction.FORWARD, ScanHints.NONE));
            assertEquals(List.of(), read(s, "t1", APP, 20, 20, Direction.FORWARD, ScanHints.NONE));
        });
    }

    @ParameterizedTest
    @EnumSource(value = Where.class, names = {"HEAD", "FLUSHED", "REOPENED_HEAD", "REOPENED_FLUSHED"})
    void outOfOrderEntriesAreSortedAndTiesKeepPushOrder(Where where) {
        scenario(where, s -> {
            push(s, "t1", APP, e(30, "c"), e(10, "a"), e(20, "b1"));
            push(s, "t1", APP, e(20, "b2"), e(5, "first"));
        }, s -> {
            assertEquals(List.of("5 first", "10 a", "20 b1", "20 b2", "30 c"), readAll(s, "t1", APP, Direction.FORWARD));
            assertEquals(List.of("30 c", "20 b2", "20 b1", "10 a", "5 first"),
                    readAll(s, "t1", APP, Direction.BACKWARD));
        });
    }

    @ParameterizedTest
    @EnumSource(value = Where.class, names = {"HEAD", "FLUSHED", "REOPENED_HEAD", "REOPENED_FLUSHED"})
    void structuredMetadataRoundTrips(Where where) {
        Labels md = Labels.of("trace_id", "abc", "user", "ü");
        scenario(where, s -> push(s, "t1", APP, new LogEntry(1, "x", md), e(2, "y")), s -> assertEquals(
                List.of("1 x {trace_id=\"abc\", user=\"ü\"}", "2 y"), readAll(s, "t1", APP, Direction.FORWARD)));
    }

    @Test
    void entriesWithTheSameTimestampAndLineAreDroppedLikeLoki() {
        scenario(Where.HEAD, s -> {
            push(s, "t1", APP, e(1, "a"), e(1, "a"), e(1, "b"), e(1, "a"), e(0, "old"), e(1, "b"));
            push(s, "t1", APP, e(1, "a"), e(2, "a"));
            push(s, "t1", APP, new LogEntry(1, "a", Labels.of("k", "v"))); // metadata is not compared
            push(s, "t1", APP, e(0, "old"), e(0, "older"));
        }, s -> {
            assertEquals(List.of("0 old", "0 older", "1 a", "1 b", "2 a"), readAll(s, "t1", APP, Direction.FORWARD));
            assertEquals(6, s.stats().duplicatesDropped());
        });
    }

    @Test
    void aFullyFlushedStreamForgetsItsLastLineLikeLoki() {
        scenario(Where.HEAD, s -> {
            push(s, "t1", APP, e(1, "a"), e(1, "b"));
            s.flushAll();
            push(s, "t1", APP, e(1, "b"), e(1, "b"), e(1, "a"));
        }, s -> {
            assertEquals(List.of("1 a", "1 b", "1 b", "1 a"), readAll(s, "t1", APP, Direction.FORWARD));
            assertEquals(1, s.stats().duplicatesDropped());
        });
    }

    @Test
    void entriesTooFarBehindTheNewestAreRejectedWithLokisMessage() {
        long hour = 3_600_000_000_000L;
        long t0 = 1_700_000_000_000_000_000L; // 2023-11-14T22:13:20Z
        scenario(Where.HEAD, s -> {
            push(s, "t1", APP, e(t0, "newest"));
            StrataException ex = assertThrows(StrataException.class, () -> push(s, "t1", APP,
                    e(t0 - hour - 500_000_000L, "too old"), e(t0 - hour + 1, "just inside"),
                    e(t0 - 2 * hour, "way too old")));
            assertEquals(ErrorCategory.BAD_REQUEST, ex.category());
            assertEquals("entry with timestamp 2023-11-14 21:13:19.5 +0000 UTC ignored, reason: 'entry too far behind,"
                    + " entry timestamp is: 2023-11-14T21:13:19Z, oldest acceptable timestamp is: 2023-11-14T21:13:20Z',\n"
                    + "entry with timestamp 2023-11-14 20:13:20 +0000 UTC ignored, reason: 'entry too far behind,"
                    + " entry timestamp is: 2023-11-14T20:13:20Z, oldest acceptable timestamp is: 2023-11-14T21:13:20Z',\n"
                    + "user 't1', total ignored: 2 out of 3 for stream: {app=\"api\", env=\"prod\"}", ex.getMessage());
            push(s, "t1", WEB, e(t0 - 5 * hour, "other streams have their own window"));
        }, s -> {
            assertEquals(List.of((t0 - 3_600_000_000_000L + 1) + " just inside", t0 + " newest"),
                    readAll(s, "t1", APP, Direction.FORWARD));
            assertEquals(1, readAll(s, "t1", WEB, Direction.FORWARD).size());
        });
    }

    @Test
    void headAndFlushedDataMergeWithoutDuplicates() {
        scenario(Where.HEAD, s -> {
            push(s, "t1", APP, e(10, "a"), e(30, "c"));
            s.flushAll();
            push(s, "t1", APP, e(20, "b"), e(40, "d"));
            s.flushAll();
            push(s, "t1", APP, e(15, "head"));
        }, s -> {
            assertEquals(List.of("10 a", "15 head", "20 b", "30 c", "40 d"), readAll(s, "t1", APP, Direction.FORWARD));
            assertEquals(List.of("40 d", "30 c", "20 b", "15 head", "10 a"), readAll(s, "t1", APP, Direction.BACKWARD));
            assertEquals(2, s.stats().chunksFlushed());
        });
    }

    @ParameterizedTest
    @EnumSource(value = Where.class, names = {"HEAD", "FLUSHED", "REOPENED_HEAD", "REOPENED_FLUSHED"})
    void manyBlocksAndChunksStayOrdered(Where where) {
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            expected.add(i * 1000L + " line number " + i + " with some padding to fill blocks quickly");
        }
        scenario(where, s -> {
            List<LogEntry> batch = new ArrayList<>();
            for (int i = 0; i < 20_000; i++) {
                batch.add(e(i * 1000L, "line number " + i + " with some padding to fill blocks quickly"));
                if (batch.size() == 500) {
                    s.append("t1", List.of(new io.strata.model.PushStream(APP, batch)));
                    batch.clear();
                }
            }
        }, s -> {
            assertEquals(expected, readAll(s, "t1", APP, Direction.FORWARD));
            List<String> rev = new ArrayList<>(expected);
            Collections.reverse(rev);
            assertEquals(rev, readAll(s, "t1", APP, Direction.BACKWARD));
            assertEquals(expected.subList(100, 200),
                    read(s, "t1", APP, 100_000, 200_000, Direction.FORWARD, ScanHints.NONE));
        });
    }

    @Test
    void streamsAreSelectedByMatchersAndTime() {
        scenario(Where.HEAD, s -> {
            push(s, "t1", APP, e(10, "a"));
            push(s, "t1", WEB, e(100, "b"));
            s.flushAll();
            push(s, "t1", Labels.of("app", "db"), e(1000, "c"));
        }, s -> {
            assertEquals(List.of(APP, WEB), labels(s.streams("t1", List.of(Matcher.equal("env", "prod")), 0, 2000)));
            assertEquals(List.of(WEB), labels(s.streams("t1",
                    List.of(Matcher.of(MatchType.REGEX, "app", "we.*")), 0, 2000)));
            assertEquals(List.of(WEB), labels(s.streams("t1", List.of(Matcher.equal("env", "prod")), 50, 2000)));
            assertEquals(List.of(Labels.of("app", "db")), labels(s.streams("t1",
                    List.of(Matcher.of(MatchType.NOT_EQUAL, "app", "x"), Matcher.equal("env", "")), 0, 2000)));
            assertEquals(List.of(), s.streams("t2", List.of(Matcher.equal("env", "prod")), 0, 2000));
            assertEquals(1, s.activeStreams("t1"));
            assertTrue(s.isActive("t1", Labels.of("app", "db")));
        });
    }

    @Test
    void invalidTenantIdsAreRejectedBeforeIo() {
        scenario(Where.HEAD, s -> {}, s -> {
            StrataException ex = assertThrows(StrataException.class, () -> push(s, "../x", APP, e(1, "a")));
            assertEquals(ErrorCategory.BAD_REQUEST, ex.category());
            assertEquals("tenant ID '../x' contains unsupported character '/'", ex.getMessage());
            assertEquals("tenant ID is '.' or '..'",
                    assertThrows(StrataException.class, () -> push(s, "..", APP, e(1, "a"))).getMessage());
        });
    }

    private static List<Labels> labels(List<StreamInfo> infos) {
        return infos.stream().map(StreamInfo::labels).toList();
    }
}
