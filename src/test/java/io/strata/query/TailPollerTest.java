package io.strata.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.logql.syntax.LogExpr;
import io.strata.logql.syntax.LogqlParser;
import io.strata.model.Direction;
import io.strata.model.EntryIterator;
import io.strata.model.FilteredEntryIterator;
import io.strata.model.Labels;
import io.strata.model.LogEntry;
import io.strata.model.Matcher;
import io.strata.model.PushStream;
import io.strata.storage.InMemoryObjectStore;
import io.strata.storage.LogReader;
import io.strata.storage.ScanHints;
import io.strata.storage.Storage;
import io.strata.storage.StorageOptions;
import io.strata.storage.StreamInfo;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The polling source of tails in processes without pushes, over a real storage as the "merged reader". */
class TailPollerTest {
    private static final long S = 1_000_000_000L;

    private static TailSession session(String q, long delay) {
        return new TailSession((LogExpr) LogqlParser.parse(q), l -> !"secret".equals(l.get("team")), delay);
    }

    private static List<String> lines(TailSession.Batch b) {
        return b.items().stream().map(i -> i.entry().line()).toList();
    }

    @Test
    void pollsDeliverNewEntriesOnceThroughThePipelineAndSkipHistory() throws Exception {
        try (Storage storage = Storage.open(StorageOptions.defaults(Files.createTempDirectory("tailpoll")),
                new InMemoryObjectStore())) {
            long now = 1_000 * S;
            storage.append("t", List.of(new PushStream(Labels.of("app", "a"),
                    List.of(new LogEntry(now - S, "keep old, part of the history")))));
            TailSession s = session("{app=\"a\"} |= \"keep\"", 0);
            TailPoller poller = new TailPoller(storage, "t", s, now);
            assertEquals(0, poller.poll(now));
            assertTrue(s.poll(now + S).items().isEmpty(), "entries before the history end are not tailed");

            storage.append("t", List.of(
                    new PushStream(Labels.of("app", "a"), List.of(new LogEntry(now + S, "keep 1"),
                            new LogEntry(now + S, "drop 1"), new LogEntry(now + 2 * S, "keep 2"))),
                    new PushStream(Labels.of("app", "a", "team", "secret"), List.of(new LogEntry(now + S, "keep hidden"))),
                    new PushStream(Labels.of("app", "b"), List.of(new LogEntry(now + S, "keep other app")))));
            poller.poll(now + 2 * S);
            assertEquals(List.of("keep 1", "keep 2"), lines(s.poll(now + 3 * S)));

            // a second entry at an already-delivered timestamp, and one slightly late (inside the look-back)
            storage.append("t", List.of(new PushStream(Labels.of("app", "a"), List.of(
                    new LogEntry(now + 2 * S, "keep 2b"), new LogEntry(now + 3 * S, "keep 3")))));
            storage.append("t", List.of(new PushStream(Labels.of("app", "a"), List.of(new LogEntry(now + S + 5, "keep late")))));
            poller.poll(now + 4 * S);
            assertEquals(List.of("keep late", "keep 2b", "keep 3"), lines(s.poll(now + 5 * S)));
            poller.poll(now + 5 * S);
            assertTrue(s.poll(now + 6 * S).items().isEmpty(), "nothing is delivered twice");

            // remembered entries fall out of the window
            poller.poll(now + 60 * S);
            assertEquals(0, poller.remembered());
        }
    }

    @Test
    void delayForHoldsPolledEntries() throws Exception {
        try (Storage storage = Storage.open(StorageOptions.defaults(Files.createTempDirectory("tailpoll")),
                new InMemoryObjectStore())) {
            long now = 1_000 * S;
            TailSession s = session("{app=\"a\"}", 2 * S);
            TailPoller poller = new TailPoller(storage, "t", s, now);
            storage.append("t", List.of(new PushStream(Labels.of("app", "a"), List.of(new LogEntry(now + S, "x")))));
            poller.poll(now + S);
            assertTrue(s.poll(now + 2 * S).items().isEmpty());
            assertEquals(List.of("x"), lines(s.poll(now + 3 * S + 1)));
        }
    }

    @Test
    void liveFilterDropsOfferedLinesItCovers() {
        // a wrapper that hides lines containing "deleted" (as the delete filter does for covered lines)
        TailSession s = new TailSession((LogExpr) LogqlParser.parse("{app=\"a\"}"), l -> true, 0, "t",
                reader -> new Hiding(reader, "deleted"));
        s.offer(new PushStream(Labels.of("app", "a"), List.of(new LogEntry(3 * S, "kept", Labels.of("k", "v")),
                new LogEntry(2 * S, "deleted one"), new LogEntry(1 * S, "kept too"))));
        TailSession.Batch b = s.poll(10 * S);
        assertEquals(List.of("kept too", "kept"), lines(b));
        assertEquals(Labels.of("k", "v"), b.items().get(1).entry().structuredMetadata());
    }

    /** A reader wrapper dropping lines that contain a word. */
    private record Hiding(LogReader reader, String word) implements LogReader {
        @Override
        public List<StreamInfo> streams(String tenant, List<Matcher> matchers, long fromNanos, long throughNanos) {
            return reader.streams(tenant, matchers, fromNanos, throughNanos);
        }

        @Override
        public EntryIterator entries(String tenant, StreamInfo stream, long fromNanos, long throughNanos,
                Direction direction, ScanHints hints) {
            EntryIterator in = reader.entries(tenant, stream, fromNanos, throughNanos, direction, hints);
            return new FilteredEntryIterator(in) {
                @Override
                protected boolean keep() {
                    return !in.line().contains(word);
                }
            };
        }
    }
}
