package io.strata.logql.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.strata.model.EntryIterator;
import io.strata.model.Labels;
import io.strata.model.LogEntry;
import io.strata.model.StrataException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Every cursor the engine opens is closed, also when the query fails half-way. */
class CursorClosingTest {
    private static final long S = 1_000_000_000L;

    private final AtomicInteger opened = new AtomicInteger();
    private final AtomicInteger closed = new AtomicInteger();
    private final LogqlEngine engine;

    CursorClosingTest() {
        InMemoryQuerier data = new InMemoryQuerier();
        for (int pod = 0; pod < 5; pod++) {
            for (int i = 0; i < 50; i++) {
                data.push(Labels.of("app", "c", "pod", "p" + pod), new LogEntry(i * S, pod == 3 && i == 30 ? "v=bad" : "v=" + i));
            }
        }
        Querier counting = params -> {
            List<SelectedStream> out = new ArrayList<>();
            for (SelectedStream s : data.selectLogs(params)) {
                out.add(new SelectedStream(s.labels(), () -> {
                    opened.incrementAndGet();
                    EntryIterator it = s.open();
                    return new EntryIterator() {
                        public boolean next() { return it.next(); }
                        public long timestamp() { return it.timestamp(); }
                        public byte[] lineBuffer() { return it.lineBuffer(); }
                        public int lineOffset() { return it.lineOffset(); }
                        public int lineLength() { return it.lineLength(); }
                        public Labels metadata() { return it.metadata(); }
                        public void close() { closed.incrementAndGet(); it.close(); }
                    };
                }));
            }
            return out;
        };
        engine = new LogqlEngine(counting, EngineOptions.DEFAULTS);
    }

    @Test
    void metricQueriesCloseCursors() {
        engine.query(QueryRequest.range("sum(count_over_time({app=\"c\"}[10s])) + count(rate({app=\"c\"}[5s]))",
                0, 50 * S, 10 * S));
        assertEquals(10, opened.get());
        assertEquals(opened.get(), closed.get());
    }

    @Test
    void failedQueriesCloseCursors() {
        assertThrows(StrataException.class, () -> engine.query(QueryRequest.range(
                "sum_over_time({app=\"c\"} | logfmt | unwrap v [10s])", 0, 50 * S, 10 * S)));
        assertEquals(5, opened.get());
        assertEquals(opened.get(), closed.get());
    }

    @Test
    void logQueriesCloseCursors() {
        engine.query(QueryRequest.range("{app=\"c\"}", 0, 50 * S, S).withLimit(3));
        assertEquals(5, opened.get());
        assertEquals(opened.get(), closed.get());
    }
}
