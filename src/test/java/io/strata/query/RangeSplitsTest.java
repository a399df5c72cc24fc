package io.strata.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.strata.logql.engine.EngineOptions;
import io.strata.logql.engine.QueryGuard;
import io.strata.logql.engine.QueryRequest;
import io.strata.logql.engine.QueryResult;
import io.strata.model.Labels;
import io.strata.model.LogEntry;
import io.strata.model.PushStream;
import io.strata.model.StrataException;
import io.strata.storage.Storage;
import io.strata.storage.StorageOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parallel step groups give exactly the sequential answer, limits included. */
class RangeSplitsTest {
    private static final long S = 1_000_000_000L;

    @TempDir
    Path dir;

    private Storage storage;
    private ExecutorService pool;

    @BeforeEach
    void setUp() {
        storage = Storage.open(StorageOptions.defaults(dir));
        pool = Executors.newFixedThreadPool(3);
        List<PushStream> streams = new ArrayList<>();
        for (int s = 0; s < 6; s++) {
            List<LogEntry> entries = new ArrayList<>();
            for (int i = 0; i < 600; i++) {
                long t = (i * 7L + s) * S;
                entries.add(new LogEntry(t, "level=" + (i % 3 == 0 ? "error" : "info") + " d=" + (i % 17) + "ms n=" + i));
            }
            streams.add(new PushStream(Labels.of("app", "a" + (s % 3), "pod", "p" + s), entries));
        }
        storage.append("t", streams);
    }

    @AfterEach
    void tearDown() {
        pool.shutdownNow();
        storage.close();
    }

    private QueryResult run(QueryService service, String q, long start, long end, long step, int maxSeries) {
        QueryContext c = new QueryContext(List.of("t"), Map.of(), new EngineOptions(maxSeries, 5000, true),
                QueryGuard.NONE, new QueryStatistics());
        return service.query(c, QueryRequest.range(q, start, end, step));
    }

    @Test
    void parallelEqualsSequential() {
        QueryService sequential = new QueryService(storage);
        QueryService parallel = new QueryService(storage, pool, 3);
        for (String q : List.of("sum by (app) (rate({app=~\"a.*\"}[1m]))",
                "topk(2, sum by (pod) (count_over_time({app=~\".+\"} |= \"error\" [90s])))",
                "quantile_over_time(0.9, {app=\"a1\"} | logfmt | unwrap duration(d) [2m] offset 30s) by (pod)",
                "count_over_time({app=\"a2\"}[30s]) > 3 or vector(1)",
                "absent_over_time({app=\"zz\"}[1m])")) {
            for (long[] r : new long[][] {{0, 4200 * S, 17 * S}, {5 * S, 4000 * S, 60 * S}, {0, 100 * S, 10 * S}}) {
                QueryResult a = run(sequential, q, r[0], r[1], r[2], 500);
                QueryResult b = run(parallel, q, r[0], r[1], r[2], 500);
                assertEquals(a, b, q + " " + r[2]);
            }
        }
        QueryRequest range = QueryRequest.range("rate({app=\"a0\"}[1m])", 0, 4200 * S, 17 * S);
        assertEquals(3, new RangeSplits(pool, 3).split(range, EngineOptions.DEFAULTS).size());
        assertEquals(1, new RangeSplits(pool, 3).split(
                QueryRequest.range("rate({app=\"a0\"}[1m])", 0, 100 * S, 17 * S), EngineOptions.DEFAULTS).size());
    }

    @Test
    void seriesLimitHoldsOnTheMergedResult() {
        QueryService parallel = new QueryService(storage, pool, 3);
        String q = "count_over_time({app=~\".+\"}[1m])";
        StrataException e = assertThrows(StrataException.class, () -> run(parallel, q, 0, 4200 * S, 17 * S, 5));
        assertEquals(new QueryService(storage).query(new QueryContext(List.of("t"), Map.of(),
                new EngineOptions(6, 5000, true), QueryGuard.NONE, new QueryStatistics()),
                QueryRequest.range(q, 0, 4200 * S, 17 * S)), run(parallel, q, 0, 4200 * S, 17 * S, 6));
        assertEquals(true, e.getMessage().startsWith("maximum number of series (5)"));
    }
}
