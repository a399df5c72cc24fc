package io.strata.storage;

import static io.strata.storage.Fixtures.APP;
import static io.strata.storage.Fixtures.WEB;
import static io.strata.storage.Fixtures.readAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.model.Direction;
import io.strata.model.EntryIterator;
import io.strata.model.ErrorCategory;
import io.strata.model.Labels;
import io.strata.model.LogEntry;
import io.strata.model.Matcher;
import io.strata.model.StrataException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** {@link LogReaders#merged}: union of streams, k-way merge without replica duplicates, tolerant of failing writers. */
class LogReadersTest {
    private static final Labels DB = Labels.of("app", "db");
    private final List<RuntimeException> errors = new CopyOnWriteArrayList<>();

    /** A reader over fixed entries (forward order given), with failure injection and call counts. */
    static final class FakeReader implements LogReader {
        final Map<Labels, List<LogEntry>> data = new LinkedHashMap<>();
        boolean failStreams;
        boolean failOpen;
        int failAfter = Integer.MAX_VALUE;
        int entriesCalls;
        int summaryCalls;
        final Map<Labels, List<ChunkSummary>> summaries = new LinkedHashMap<>();

        FakeReader summaries(Labels labels, ChunkSummary... list) {
            summaries.put(labels, List.of(list));
            data.putIfAbsent(labels, List.of());
            return this;
        }

        @Override
        public List<ChunkSummary> chunkSummaries(String tenant, StreamInfo stream, long fromNanos, long throughNanos) {
            summaryCalls++;
            if (failOpen) {
                throw new StrataException(ErrorCategory.UNAVAILABLE, "writer down");
            }
            return summaries.getOrDefault(stream.labels(), List.of());
        }

        FakeReader with(Labels labels, LogEntry... entries) {
            data.put(labels, List.of(entries));
            return this;
        }

        @Override
        public List<StreamInfo> streams(String tenant, List<Matcher> matchers, long fromNanos, long throughNanos) {
            if (failStreams) {
                throw new StrataException(ErrorCategory.UNAVAILABLE, "writer down");
            }
            List<StreamInfo> out = new ArrayList<>();
            data.keySet().stream().filter(l -> l.matches(matchers))
                    .forEach(l -> out.add(new StreamInfo(l.fingerprint(), l)));
            return out;
        }

        @Override
        public EntryIterator entries(String tenant, StreamInfo stream, long fromNanos, long throughNanos,
                Direction direction, ScanHints hints) {
            entriesCalls++;
            if (failOpen) {
                throw new StrataException(ErrorCategory.UNAVAILABLE, "writer down");
            }
            List<LogEntry> list = new ArrayList<>(data.getOrDefault(stream.labels(), List.of()));
            list.removeIf(e -> e.timestampNanos() < fromNanos || e.timestampNanos() >= throughNanos);
            return new ListEntries(direction == Direction.FORWARD ? list : list.reversed(), failAfter);
        }
    }

    private static LogEntry e(long ts, String line) {
        return new LogEntry(ts, line);
    }

    private LogReader merged(LogReader store, LogReader... others) {
        return LogReaders.merged(store, List.of(others), errors::add);
    }

    private static List<String> names(List<StreamInfo> streams) {
        return streams.stream().map(s -> s.labels().toString()).toList();
    }

    @Test
    void streamsAreTheUnionByLabelsSorted() {
        FakeReader store = new FakeReader().with(WEB).with(APP);
        FakeReader w1 = new FakeReader().with(APP).with(DB);
        FakeReader w2 = new FakeReader().with(DB);
        List<StreamInfo> all = merged(store, w1, w2).streams("t", List.of(), 0, 100);
        assertEquals(List.of(APP.toString(), WEB.toString(), DB.toString()).stream().sorted().toList(), names(all));
        assertEquals(List.of(DB.toString()), names(merged(store, w1, w2).streams("t",
                List.of(Matcher.equal("app", "db")), 0, 100)));
    }

    @Test
    void entriesAreMergedInBothDirectionsWithoutReplicaDuplicates() {
        FakeReader store = new FakeReader().with(APP, e(1, "a"), e(2, "b"));
        FakeReader w1 = new FakeReader().with(APP, e(2, "b"), e(2, "c"), e(3, "d"));
        FakeReader w2 = new FakeReader().with(APP, e(3, "d"), e(4, "e"));
        LogReader r = merged(store, w1, w2);
        r.streams("t", List.of(), 0, 100);
        assertEquals(List.of("1 a", "2 b", "2 c", "3 d", "4 e"), readAll(r, "t", APP, Direction.FORWARD));
        assertEquals(List.of("4 e", "3 d", "2 b", "2 c", "1 a"), readAll(r, "t", APP, Direction.BACKWARD));
        assertEquals(List.of(), errors);
    }

    @Test
    void sameLineAtAnotherTimestampIsNotADuplicate() {
        FakeReader store = new FakeReader().with(APP, e(1, "x"), e(2, "x"));
        FakeReader w1 = new FakeReader().with(APP, e(2, "x"), e(3, "x"));
        assertEquals(List.of("1 x", "2 x", "3 x"), readAll(merged(store, w1), "t", APP, Direction.FORWARD));
    }

    @Test
    void manyEntriesAtOneTimestampAreDeduplicated() {
        List<LogEntry> a = new ArrayList<>();
        List<LogEntry> b = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            a.add(e(5, "line " + i));
            b.add(e(5, "line " + (39 - i)));
            expected.add("5 line " + i);
        }
        b.add(e(5, "line 40"));
        expected.add("5 line 40");
        FakeReader store = new FakeReader().with(APP, a.toArray(LogEntry[]::new));
        FakeReader w1 = new FakeReader().with(APP, b.toArray(LogEntry[]::new));
        List<String> got = readAll(merged(store, w1), "t", APP, Direction.FORWARD);
        assertEquals(expected.size(), got.size(), got.toString());
        assertEquals(new java.util.HashSet<>(expected), new java.util.HashSet<>(got));
    }

    @Test
    void sourcesThatDidNotListTheStreamAreNotAsked() {
        FakeReader store = new FakeReader().with(APP, e(1, "a"));
        FakeReader w1 = new FakeReader().with(WEB, e(1, "w"));
        FakeReader w2 = new FakeReader().with(APP, e(2, "b"));
        LogReader r = merged(store, w1, w2);
        r.streams("t", List.of(), 0, 100);
        assertEquals(List.of("1 a", "2 b"), readAll(r, "t", APP, Direction.FORWARD));
        assertEquals(0, w1.entriesCalls);
        assertEquals(List.of("1 w"), readAll(r, "t", WEB, Direction.FORWARD));
        assertEquals(1, store.entriesCalls, "the store was asked only for APP");
        assertEquals(1, w2.entriesCalls, "w2 was asked only for APP");
        LogReader fresh = merged(store, w1, w2);
        assertEquals(List.of("1 a", "2 b"), readAll(fresh, "t", APP, Direction.FORWARD), "unlisted: ask everyone");
        assertEquals(2, w1.entriesCalls);
    }

    @Test
    void aConcurrentListingOfAnotherRangeDoesNotHideASource() {
        FakeReader store = new FakeReader().with(APP, e(1, "old"));
        FakeReader w1 = new FakeReader().with(APP, e(100, "new"));
        LogReader shared = merged(store, w1);
        assertEquals(1, shared.streams("t", List.of(), 0, 100).size()); // both list APP here (fake ignores ranges)
        w1.data.clear();
        shared.streams("t", List.of(), 0, 100); // another query: only the store lists it now
        w1.data.put(APP, List.of(e(100, "new")));
        assertEquals(List.of("1 old", "100 new"), readAll(shared, "t", APP, Direction.FORWARD),
                "the first query still asks w1");
    }

    @Test
    void failingWritersAreSkippedAndReported() {
        FakeReader store = new FakeReader().with(APP, e(1, "a"), e(4, "d"));
        FakeReader down = new FakeReader().with(DB, e(1, "x"));
        down.failStreams = true;
        FakeReader cannotOpen = new FakeReader().with(APP, e(2, "b"));
        cannotOpen.failOpen = true;
        FakeReader breaksMidway = new FakeReader().with(APP, e(2, "b"), e(3, "c"), e(5, "e"));
        breaksMidway.failAfter = 2;
        LogReader r = merged(store, down, cannotOpen, breaksMidway);
        assertEquals(List.of(APP.toString()), names(r.streams("t", List.of(), 0, 100)));
        assertEquals(1, errors.size(), "listing failure reported");
        assertEquals(List.of("1 a", "2 b", "3 c", "4 d"), readAll(r, "t", APP, Direction.FORWARD));
        assertEquals(3, errors.size(), "open failure and mid-iteration failure reported");
    }

    @Test
    void aStreamOnlyAWriterHasSurvivesThatWriterFailing() {
        FakeReader store = new FakeReader();
        FakeReader w1 = new FakeReader().with(APP, e(1, "a"), e(2, "b"), e(3, "c"));
        w1.failAfter = 1;
        LogReader r = merged(store, w1);
        assertEquals(1, r.streams("t", List.of(), 0, 100).size());
        assertEquals(List.of("1 a"), readAll(r, "t", APP, Direction.FORWARD));
        assertEquals(1, errors.size());
        assertEquals(0, store.entriesCalls);
    }

    @Test
    void storeFailuresPropagate() {
        FakeReader store = new FakeReader().with(APP, e(1, "a"), e(2, "b"));
        store.failAfter = 1;
        FakeReader w1 = new FakeReader().with(APP, e(1, "a"));
        LogReader r = merged(store, w1);
        r.streams("t", List.of(), 0, 100);
        assertThrows(IllegalStateException.class, () -> readAll(r, "t", APP, Direction.FORWARD));
        store.failStreams = true;
        assertThrows(StrataException.class, () -> r.streams("t", List.of(), 0, 100));
    }

    @Test
    void withoutOtherSourcesTheStoreIsUsedAsIs() {
        FakeReader store = new FakeReader().with(APP, e(1, "a"));
        LogReader r = LogReaders.merged(store, List.of());
        EntryIterator direct = r.entries("t", new StreamInfo(APP.fingerprint(), APP), 0, 10, Direction.FORWARD,
                ScanHints.NONE);
        assertTrue(direct instanceof ListEntries, "no merge wrapper around a single store source");
        assertEquals(List.of("1 a"), readAll(r, "t", APP, Direction.FORWARD));
    }

    @Test
    void chunkSummariesAreTheStoresPlusTheWritersWithoutRepeatingAChunk() {
        ChunkSummary flushed = new ChunkSummary(1, 10, 2048, 20, 500, true);
        ChunkSummary flushedByW1 = new ChunkSummary(11, 20, 1024, 10, 300, true); // not in the synced index yet
        ChunkSummary head1 = new ChunkSummary(21, 30, 100, 3, 100, false);
        ChunkSummary head2 = new ChunkSummary(25, 35, 50, 2, 50, false);
        FakeReader store = new FakeReader().summaries(APP, flushed);
        FakeReader w1 = new FakeReader().summaries(APP, flushed, flushedByW1, head1);
        FakeReader w2 = new FakeReader().summaries(APP, head2);
        FakeReader down = new FakeReader().summaries(APP, head1);
        down.failOpen = true;
        FakeReader other = new FakeReader().summaries(WEB, head1);
        LogReader r = merged(store, w1, w2, down, other);
        StreamInfo app = new StreamInfo(APP.fingerprint(), APP);
        r.streams("t", List.of(), 0, 100);
        assertEquals(List.of(flushed, flushedByW1, head1, head2), r.chunkSummaries("t", app, 0, 100));
        assertEquals(1, errors.size(), "the failing writer is skipped and reported");
        assertEquals(0, other.summaryCalls, "a writer that did not list the stream is not asked");
        assertEquals(0, w1.entriesCalls + w2.entriesCalls + store.entriesCalls, "no lines are read");
        // a single source: its answer as is
        assertEquals(List.of(flushed), LogReaders.merged(store, List.of()).chunkSummaries("t", app, 0, 100));
    }
}
