package io.strata.logql.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.strata.model.ErrorCategory;
import io.strata.model.Labels;
import io.strata.model.LogEntry;
import io.strata.model.StrataException;
import org.junit.jupiter.api.Test;

/** Cancellation and deadlines reach the caller as Loki's 499 / 504 errors. */
class QueryGuardTest {
    private static final long S = 1_000_000_000L;

    private final LogqlEngine engine;

    QueryGuardTest() {
        InMemoryQuerier q = new InMemoryQuerier();
        for (int i = 0; i < 10_000; i++) {
            q.push(Labels.of("app", "g"), new LogEntry(i * 1_000_000L, "line " + i));
        }
        engine = new LogqlEngine(q, EngineOptions.DEFAULTS);
    }

    @Test
    void cancelledQueryFailsWithClientClosedRequest() {
        QueryGuard cancelled = new QueryGuard(Long.MAX_VALUE, () -> true);
        StrataException e = assertThrows(StrataException.class,
                () -> engine.query(QueryRequest.range("{app=\"g\"}", 0, 20 * S, S), cancelled));
        assertEquals(ErrorCategory.CANCELLED, e.category());
        assertEquals("the request was cancelled by the client", e.getMessage());
    }

    @Test
    void expiredDeadlineFailsWithTimeout() {
        QueryGuard expired = new QueryGuard(System.nanoTime() - 1, null);
        StrataException e = assertThrows(StrataException.class,
                () -> engine.query(QueryRequest.range("count_over_time({app=\"g\"}[1s])", 0, 20 * S, S), expired));
        assertEquals(ErrorCategory.TIMEOUT, e.category());
    }

    @Test
    void cancellationIsSeenWhileReadingEntries() {
        int[] calls = {0};
        QueryGuard later = new QueryGuard(Long.MAX_VALUE, () -> ++calls[0] > 1);
        assertThrows(StrataException.class,
                () -> engine.query(QueryRequest.range("count_over_time({app=\"g\"}[10s])", 10 * S, 10 * S, S), later));
    }

    @Test
    void generousGuardLetsTheQueryFinish() {
        QueryResult r = engine.query(QueryRequest.range("{app=\"g\"}", 0, 20 * S, S).withLimit(5),
                QueryGuard.withTimeout(60 * S, () -> false));
        assertEquals(5, ((QueryResult.Streams) r).entryCount());
    }
}
