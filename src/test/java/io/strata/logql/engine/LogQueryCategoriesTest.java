package io.strata.logql.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.strata.model.Labels;
import io.strata.model.LogEntry;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Entries carry their labels split by category, for categorize-labels responses. */
class LogQueryCategoriesTest {
    private static final long S = 1_000_000_000L;

    @Test
    void entriesCarryStreamMetadataAndParsedLabels() {
        InMemoryQuerier q = new InMemoryQuerier();
        q.push(Labels.of("app", "m"), new LogEntry(10 * S, "level=info", Labels.of("trace_id", "t1")));
        LogqlEngine engine = new LogqlEngine(q, EngineOptions.DEFAULTS);
        QueryResult.Streams r = (QueryResult.Streams) engine.query(
                QueryRequest.range("{app=\"m\"} | logfmt", 0, 60 * S, S));
        QueryResult.LogStream s = r.streams().get(0);
        assertEquals(Labels.of("app", "m", "level", "info", "trace_id", "t1"), s.labels());
        QueryResult.Entry e = s.entries().get(0);
        assertEquals(List.of(Labels.of("app", "m"), Labels.of("trace_id", "t1"), Labels.of("level", "info")),
                List.of(e.streamLabels(), e.structuredMetadata(), e.parsed()));
        assertEquals(10 * S, e.timestampNanos());
        assertEquals("level=info", e.line());
    }
}
