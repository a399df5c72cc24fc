package io.strata.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.logql.syntax.LogExpr;
import io.strata.logql.syntax.LogqlParser;
import io.strata.model.Labels;
import io.strata.model.LogEntry;
import io.strata.model.PushStream;
import io.strata.model.StrataException;
import io.strata.storage.InMemoryObjectStore;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TailSessionTest {
    private static final long S = 1_000_000_000L;

    private static TailSession session(String q, long delay) {
        return new TailSession((LogExpr) LogqlParser.parse(q), l -> !"secret".equals(l.get("team")), delay);
    }

    private static PushStream stream(Labels labels, LogEntry... entries) {
        return new PushStream(labels, List.of(entries));
    }

    @Test
    void offeredEntriesGoThroughSelectorAccessFilterAndPipelineInTimeOrder() {
        TailSession s = session("{app=\"a\"} |= \"keep\" | logfmt", 0);
        s.offer(stream(Labels.of("app", "a"), new LogEntry(5 * S, "keep n=2"), new LogEntry(3 * S, "keep n=1"),
                new LogEntry(4 * S, "drop")));
        s.offer(stream(Labels.of("app", "b"), new LogEntry(4 * S, "keep other")));
        s.offer(stream(Labels.of("app", "a", "team", "secret"), new LogEntry(4 * S, "keep secret")));
        TailSession.Batch b = s.poll(10 * S);
        assertEquals(List.of("keep n=1", "keep n=2"), b.items().stream().map(i -> i.entry().line()).toList());
        assertEquals("1", b.items().get(0).entry().parsed().get("n"));
        assertEquals(Labels.of("app", "a", "n", "1"), b.items().get(0).labels());
        assertTrue(s.poll(10 * S).items().isEmpty());
    }

    @Test
    void delayHoldsEntriesUntilTheyAreOldEnough() {
        TailSession s = session("{app=\"a\"}", 2 * S);
        s.offer(stream(Labels.of("app", "a"), new LogEntry(10 * S, "x")));
        assertTrue(s.poll(11 * S).items().isEmpty());
        assertTrue(s.poll(12 * S).items().isEmpty());
        assertEquals(1, s.poll(12 * S + 1).items().size());
    }

    @Test
    void batchesHoldAtMostOneHundredEntriesAndDuplicatesAreSentOnce() {
        TailSession s = session("{app=\"a\"}", 0);
        List<LogEntry> entries = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            entries.add(new LogEntry(i, "line " + i));
        }
        s.offer(new PushStream(Labels.of("app", "a"), entries));
        s.offer(stream(Labels.of("app", "a"), new LogEntry(149, "line 149")));
        assertEquals(TailSession.MAX_PER_RESPONSE, s.poll(S).items().size());
        assertEquals(50, s.poll(S).items().size());
    }

    @Test
    void droppedEntriesTravelWithTheNextBatch() {
        TailSession s = session("{app=\"a\"}", 0);
        s.offer(stream(Labels.of("app", "a"), new LogEntry(1, "a"), new LogEntry(2, "b")));
        TailSession.Batch first = s.poll(S);
        first.items().forEach(s::drop);
        s.offer(stream(Labels.of("app", "a"), new LogEntry(3, "c")));
        TailSession.Batch next = s.poll(S);
        assertEquals(2, next.dropped().size());
        assertEquals(1, next.dropped().get(0).timestampNanos());
    }

    @Test
    void liveTailNotifiesAfterAppendAndEnforcesTheConcurrencyLimit() throws Exception {
        LiveTail hub = new LiveTail();
        var storage = io.strata.storage.Storage.open(io.strata.storage.StorageOptions.defaults(
                java.nio.file.Files.createTempDirectory("tail")), new InMemoryObjectStore());
        try (storage) {
            var writer = hub.watch(storage);
            TailSession s = session("{app=\"a\"}", 0);
            AutoCloseable sub = hub.subscribe("t", s, 1);
            StrataException e = assertThrows(StrataException.class, () -> hub.subscribe("t", session("{app=\"a\"}", 0), 1));
            assertEquals("max concurrent tail requests limit exceeded, count > limit (2 > 1)", e.getMessage());
            long now = System.currentTimeMillis() * 1_000_000L;
            writer.append("t", List.of(stream(Labels.of("app", "a"), new LogEntry(now, "hello"))));
            writer.append("u", List.of(stream(Labels.of("app", "a"), new LogEntry(now, "other tenant"))));
            assertEquals(List.of("hello"), s.poll(now + 1).items().stream().map(i -> i.entry().line()).toList());
            sub.close();
            assertEquals(0, hub.count("t"));
        }
    }

    @Test
    void aFailingSubscriberNeverFailsThePush() throws Exception {
        LiveTail hub = new LiveTail();
        var storage = io.strata.storage.Storage.open(io.strata.storage.StorageOptions.defaults(
                java.nio.file.Files.createTempDirectory("tail")), new InMemoryObjectStore());
        try (storage) {
            hub.subscribe("t", stream -> {
                throw new IllegalStateException("boom");
            }, 10);
            long now = System.currentTimeMillis() * 1_000_000L;
            hub.watch(storage).append("t", List.of(stream(Labels.of("app", "a"), new LogEntry(now, "x"))));
            assertEquals(1, storage.streams("t", List.of(), 0, Long.MAX_VALUE).size());
        }
    }
}
