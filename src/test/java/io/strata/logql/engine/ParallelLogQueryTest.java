package io.strata.logql.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.model.Direction;
import io.strata.model.EntryIterator;
import io.strata.model.Labels;
import io.strata.model.LogEntry;
import io.strata.model.StrataException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Randomized differential test: log queries whose streams are read ahead in parallel
 * ({@link StreamPrefetch}) return exactly what the single-threaded merge returns — every
 * direction, limit and interval, with duplicates across and within streams, equal timestamps,
 * pipelines that rewrite lines and labels, and structured metadata.
 */
class ParallelLogQueryTest {
    private static final long S = 1_000_000_000L;
    private static final String[] QUERIES = {
        "{app=~\".+\"}",
        "{app=\"a1\"}",
        "{app=~\".+\"} |= \"error\"",
        "{app=~\".+\"} |~ \"n=1[0-9]+\"",
        "{app=~\".+\"} != \"info\" | logfmt",
        "{app=~\".+\"} | logfmt | d > 10",
        "{app=~\".+\"} | logfmt | line_format \"{{.level}}\"",
        "{app=~\".+\"} | line_format \"x\"",
        "{app=~\".+\"} | drop pod",
        "{app=~\".+\"} | json",
        "{app=~\".+\"} | trace=\"t1\"",
        "{app=~\".+\"} |= \"zzz-never\"",
    };

    private ExecutorService pool;
    private InMemoryQuerier querier;

    @BeforeEach
    void setUp() {
        pool = Executors.newFixedThreadPool(3);
        querier = new InMemoryQuerier();
        Random r = new Random(42);
        for (int s = 0; s < 9; s++) {
            Labels labels = Labels.of("app", "a" + (s % 3), "pod", "p" + s);
            for (int i = 0; i < 700; i++) {
                long t = (r.nextInt(400) + (s % 2 == 0 ? 0 : 200)) * S / 10;
                String level = r.nextInt(4) == 0 ? "error" : "info";
                String line = r.nextInt(5) == 0 ? "same line" // duplicates across streams after `drop pod`
                        : "level=" + level + " d=" + r.nextInt(30) + " n=" + i;
                Labels metadata = r.nextInt(3) == 0 ? Labels.of("trace", "t" + r.nextInt(3)) : Labels.EMPTY;
                querier.push(labels, new LogEntry(t, line, metadata));
            }
        }
    }

    @AfterEach
    void tearDown() {
        pool.shutdownNow();
    }

    @Test
    void parallelReadingMatchesTheSequentialMerge() {
        LogqlEngine sequential = new LogqlEngine(querier, EngineOptions.DEFAULTS);
        Random r = new Random(7);
        int[] limits = {1, 3, 17, 100, 1000, 5000};
        int compared = 0;
        for (String q : QUERIES) {
            for (Direction d : Direction.values()) {
                for (int limit : limits) {
                    long interval = r.nextInt(3) == 0 ? r.nextInt(20) * S / 10 : 0;
                    long start = r.nextInt(100) * S / 10;
                    long end = start + (100 + r.nextInt(500)) * S / 10;
                    QueryRequest req = new QueryRequest(q, start, end, 0, interval, limit, d, false);
                    QueryResult expected = sequential.query(req);
                    for (int parallelism : new int[] {2, 3, 8}) {
                        LogqlEngine parallel = new LogqlEngine(querier, EngineOptions.DEFAULTS, pool, parallelism);
                        assertEquals(expected, parallel.query(req), q + " " + d + " limit " + limit + " interval "
                                + interval + " parallelism " + parallelism);
                        compared++;
                    }
                }
            }
        }
        assertTrue(compared > 400);
    }

    @Test
    void everyCursorIsClosedAndReadingStopsEarly() {
        AtomicInteger opened = new AtomicInteger();
        AtomicInteger closed = new AtomicInteger();
        AtomicLong read = new AtomicLong();
        Querier counting = params -> {
            List<SelectedStream> out = new ArrayList<>();
            for (SelectedStream s : querier.selectLogs(params)) {
                out.add(new SelectedStream(s.labels(), () -> {
                    opened.incrementAndGet();
                    return new Counted(s.open(), read, closed);
                }));
            }
            return out;
        };
        LogqlEngine parallel = new LogqlEngine(counting, EngineOptions.DEFAULTS, pool, 2);
        QueryResult.Streams result = (QueryResult.Streams) parallel.query(
                new QueryRequest("{app=~\".+\"}", 0, 100 * S, 0, 0, 5, Direction.FORWARD, false));
        assertEquals(5, result.entryCount());
        assertEquals(opened.get(), closed.get());
        assertTrue(read.get() < 9 * 700 / 2, "read " + read.get()); // batches of `limit` entries, not whole streams
    }

    @Test
    void aCancellationSeenByAReadAheadBatchFailsTheQueryAndClosesEveryCursor() {
        InMemoryQuerier big = new InMemoryQuerier();
        for (int s = 0; s < 4; s++) {
            for (int i = 0; i < 5000; i++) {
                big.push(Labels.of("app", "b" + s), new LogEntry(i * S / 100, "line " + i));
            }
        }
        AtomicInteger opened = new AtomicInteger();
        AtomicInteger closed = new AtomicInteger();
        Querier counting = params -> {
            List<SelectedStream> out = new ArrayList<>();
            for (SelectedStream s : big.selectLogs(params)) {
                out.add(new SelectedStream(s.labels(), () -> {
                    opened.incrementAndGet();
                    return new Counted(s.open(), new AtomicLong(), closed);
                }));
            }
            return out;
        };
        AtomicInteger checks = new AtomicInteger();
        QueryGuard cancelledLater = new QueryGuard(Long.MAX_VALUE, () -> checks.incrementAndGet() > 1);
        LogqlEngine parallel = new LogqlEngine(counting, EngineOptions.DEFAULTS, pool, 2);
        QueryRequest req = new QueryRequest("{app=~\".+\"} |= \"zzz-never\"", 0, 100 * S, 0, 0, 100,
                Direction.BACKWARD, false);
        StrataException e = assertThrows(StrataException.class, () -> parallel.query(req, cancelledLater));
        assertEquals(EngineErrors.cancelled().getMessage(), e.getMessage());
        assertTrue(checks.get() > 1);
        assertEquals(opened.get(), closed.get());
    }

    /** Counts entries read and closes. */
    private record Counted(EntryIterator it, AtomicLong read, AtomicInteger closed) implements EntryIterator {
        @Override
        public boolean next() {
            boolean n = it.next();
            if (n) {
                read.incrementAndGet();
            }
            return n;
        }

        @Override
        public long timestamp() {
            return it.timestamp();
        }

        @Override
        public byte[] lineBuffer() {
            return it.lineBuffer();
        }

        @Override
        public int lineOffset() {
            return it.lineOffset();
        }

        @Override
        public int lineLength() {
            return it.lineLength();
        }

        @Override
        public Labels metadata() {
            return it.metadata();
        }

        @Override
        public void close() {
            closed.incrementAndGet();
            it.close();
        }
    }
}
