package io.strata.storage;

import static io.strata.storage.Fixtures.APP;
import static io.strata.storage.Fixtures.WEB;
import static io.strata.storage.Fixtures.e;
import static io.strata.storage.Fixtures.push;
import static io.strata.storage.Fixtures.read;
import static io.strata.storage.Fixtures.readAll;
import static io.strata.storage.Fixtures.select;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.strata.model.Direction;
import io.strata.model.ErrorCategory;
import io.strata.model.Matcher;
import io.strata.model.StrataException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Storage#recentReader}: only what readers of the object store may not see yet. */
class RecentReaderTest {
    private static final Duration RETAIN = Duration.ofMinutes(1);

    @TempDir
    Path dir;

    private final TestClock clock = Fixtures.clock();
    private final InMemoryObjectStore store = new InMemoryObjectStore();

    private static List<String> names(List<StreamInfo> streams) {
        return streams.stream().map(s -> s.labels().toString()).toList();
    }

    private static List<ChunkSummary> summary(LogReader r, io.strata.model.Labels labels) {
        return r.chunkSummaries("t1", new StreamInfo(labels.fingerprint(), labels), 0, 100);
    }

    @Test
    void headAndRecentlyFlushedDataUntilTheRetainPeriodEnds() {
        try (Storage w = Storage.open(Fixtures.options(dir, clock), store)) {
            LogReader recent = w.recentReader(RETAIN);
            push(w, "t1", APP, e(1, "a1"), e(2, "a2"));
            push(w, "t1", WEB, e(5, "w5"));
            assertEquals(names(select(w, "t1")), names(select(recent, "t1")));
            assertEquals(List.of("2 a2", "1 a1"), readAll(recent, "t1", APP, Direction.BACKWARD));

            assertEquals(List.of(new ChunkSummary(1, 2, 4, 2, summary(recent, APP).get(0).compressedBytes(), false)),
                    summary(recent, APP), "the open block: line bytes exactly");

            w.flushAll();
            clock.advance(Duration.ofSeconds(30));
            assertEquals(2, select(recent, "t1").size(), "flushed 30s ago: still served");
            List<ChunkSummary> retained = summary(recent, APP);
            assertEquals(1, retained.size());
            assertEquals(true, retained.get(0).flushed());
            assertEquals(w.chunkSummaries("t1", new StreamInfo(APP.fingerprint(), APP), 0, 100), retained,
                    "the same summary as the index's, so a merged reader counts it once");
            assertEquals(List.of("1 a1", "2 a2"), readAll(recent, "t1", APP, Direction.FORWARD));

            push(w, "t1", APP, e(3, "a3"));
            clock.advance(Duration.ofSeconds(31));
            assertEquals(List.of(APP.toString()), names(select(recent, "t1")), "WEB's chunk is older than 1m");
            assertEquals(List.of("3 a3"), readAll(recent, "t1", APP, Direction.FORWARD), "only the head");
            assertEquals(List.of(false), summary(recent, APP).stream().map(ChunkSummary::flushed).toList(),
                    "the flushed chunk is past the retain period: only the head's summary");
            assertEquals(List.of(), summary(recent, WEB));
            assertEquals(List.of(), readAll(recent, "t1", WEB, Direction.FORWARD));
            assertEquals(List.of("1 a1", "2 a2", "3 a3"), readAll(w, "t1", APP, Direction.FORWARD),
                    "storage itself still has everything");
            assertEquals(List.of(), names(recent.streams("t1", List.of(), 1, 3)), "head data is at ts 3 only");
            assertEquals(List.of(APP.toString()), names(recent.streams("t1", List.of(), 3, 4)));
        }
    }

    @Test
    void longerRetainThanTheDefaultKeepsFlushTimesLonger() {
        try (Storage w = Storage.open(Fixtures.options(dir, clock), store)) {
            LogReader recent = w.recentReader(Duration.ofMinutes(5));
            push(w, "t1", APP, e(1, "a1"));
            w.flushAll();
            clock.advance(Duration.ofMinutes(3));
            w.flushDue(); // a round prunes flush times older than the longest retain asked for
            assertEquals(List.of("1 a1"), readAll(recent, "t1", APP, Direction.FORWARD));
            assertEquals(List.of(), readAll(w.recentReader(RETAIN), "t1", APP, Direction.FORWARD));
            clock.advance(Duration.ofMinutes(3));
            w.flushDue();
            assertEquals(List.of(), select(recent, "t1"));
        }
    }

    @Test
    void pendingChunksThatFailedToFlushAreServed() {
        AtomicBoolean failPuts = new AtomicBoolean(true);
        ObjectStore failing = new IndexSyncTest.RecordingStore(store) {
            @Override
            public void put(String key, byte[] data) {
                if (failPuts.get()) {
                    throw new StrataException(ErrorCategory.UNAVAILABLE, "object store down: injected");
                }
                super.put(key, data);
            }
        };
        try (Storage w = Storage.open(Fixtures.options(dir, clock), failing)) {
            push(w, "t1", APP, e(1, "a1"), e(2, "a2"));
            assertThrows(StrataException.class, w::flushAll);
            clock.advance(Duration.ofHours(1));
            LogReader recent = w.recentReader(RETAIN);
            assertEquals(List.of(APP.toString()), names(select(recent, "t1")));
            assertEquals(List.of("1 a1", "2 a2"), readAll(recent, "t1", APP, Direction.FORWARD));
            assertEquals(List.of("2 a2"), read(recent, "t1", APP, 2, 3, Direction.FORWARD, ScanHints.NONE));
            failPuts.set(false);
            w.flushAll();
            assertEquals(List.of("1 a1", "2 a2"), readAll(recent, "t1", APP, Direction.FORWARD), "just flushed");
        }
    }

    @Test
    void streamsKnownOnlyFromOtherWritersSegmentsAreNotListed() {
        try (Storage other = Storage.open(Fixtures.options(dir.resolve("other"), clock), store)) {
            push(other, "t1", WEB, e(9, "w9"));
            other.flushAll();
        }
        try (Storage w = Storage.open(Fixtures.options(dir.resolve("w"), clock), store)) {
            push(w, "t1", APP, e(1, "a1"));
            LogReader recent = w.recentReader(RETAIN);
            assertEquals(2, select(w, "t1").size());
            assertEquals(List.of(APP.toString()), names(select(recent, "t1")));
            assertEquals(List.of(APP.toString()), names(select(recent, "t1", Matcher.equal("app", "api"))));
            assertEquals(List.of(), readAll(recent, "t1", WEB, Direction.FORWARD));
            assertEquals(List.of(), select(recent, "nobody"));
        }
    }
}
