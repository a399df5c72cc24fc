package io.strata.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.logql.engine.EngineOptions;
import io.strata.logql.engine.QueryGuard;
import io.strata.logql.engine.QueryRequest;
import io.strata.logql.engine.QueryResult;
import io.strata.model.Direction;
import io.strata.model.EntryIterator;
import io.strata.model.ErrorCategory;
import io.strata.model.Labels;
import io.strata.model.LogEntry;
import io.strata.model.MatchType;
import io.strata.model.Matcher;
import io.strata.model.PushStream;
import io.strata.model.StrataException;
import io.strata.storage.ChunkSummary;
import io.strata.storage.LogReader;
import io.strata.storage.LogReaders;
import io.strata.storage.ScanHints;
import io.strata.storage.Storage;
import io.strata.storage.StorageOptions;
import io.strata.storage.StreamInfo;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** index/stats and volume over storage, multi-tenant metric queries, deadline and cancellation. */
class QueryServiceIndexTest {
    private static final long S = 1_000_000_000L;

    @TempDir
    Path dir;

    private Storage storage;
    private QueryService service;

    @BeforeEach
    void setUp() {
        storage = Storage.open(StorageOptions.defaults(dir));
        service = new QueryService(storage);
        storage.append("a", List.of(
                new PushStream(Labels.of("app", "web", "pod", "1"), List.of(new LogEntry(S, "1234567890"),
                        new LogEntry(70 * S, "12345", Labels.of("k", "v")))),
                new PushStream(Labels.of("app", "web", "pod", "2"), List.of(new LogEntry(2 * S, "12345"))),
                new PushStream(Labels.of("app", "db", "pod", "3"), List.of(new LogEntry(3 * S, "123")))));
        storage.append("b", List.of(
                new PushStream(Labels.of("app", "web", "pod", "9"), List.of(new LogEntry(4 * S, "x")))));
    }

    @AfterEach
    void tearDown() {
        storage.close();
    }

    private static QueryContext context(List<String> tenants, QueryGuard guard) {
        return new QueryContext(tenants, Map.of(), EngineOptions.DEFAULTS, guard, new QueryStatistics());
    }

    @Test
    void indexStatisticsCountStreamsEntriesAndBytesInTheRange() {
        QueryContext a = QueryContext.of("a");
        assertEquals(new IndexStatistics(2, 2, 10 + 5 + 2 + 5, 3),
                service.indexStatistics(a, List.of(Matcher.equal("app", "web")), 0, 100 * S));
        // a chunk partly in range counts with the share of its time span inside (59.999 s of 69 s), as in Loki
        assertEquals(new IndexStatistics(1, 1, (long) (17 * (69 - 10.001) / 69), 1),
                service.indexStatistics(a, List.of(Matcher.equal("pod", "1")), 0, 60 * S));
        assertEquals(IndexStatistics.EMPTY, service.indexStatistics(a, List.of(Matcher.equal("app", "x")), 0, 100 * S));
    }

    @Test
    void flushedChunksCountWholeKibibytesFromTheIndex() {
        QueryContext a = QueryContext.of("a");
        List<LogEntry> entries = new java.util.ArrayList<>();
        for (int i = 0; i < 100; i++) {
            entries.add(new LogEntry(200 * S + i * S, "x".repeat(100)));
        }
        storage.append("a", List.of(new PushStream(Labels.of("app", "big"), entries)));
        List<Matcher> big = List.of(Matcher.equal("app", "big"));
        IndexStatistics head = service.indexStatistics(a, big, 0, 400 * S);
        assertEquals(new IndexStatistics(1, 1, 100 * 100, 100), head);
        storage.flushAll();
        IndexStatistics flushed = service.indexStatistics(a, big, 0, 400 * S);
        assertEquals(1, flushed.streams());
        assertEquals(1, flushed.chunks());
        assertEquals(100, flushed.entries());
        // raw block bytes (lines plus framing) rounded to whole KiB
        assertEquals(0, flushed.bytes() % 1024);
        assertEquals(10, flushed.bytes() / 1024);
        // half the chunk's span: half its entries and KiB, truncated
        IndexStatistics half = service.indexStatistics(a, big, 0, 249_500_000_000L + 1);
        assertEquals(new IndexStatistics(1, 1, 5 * 1024, 50), half);
        VolumeResult volume = service.volume(a, new VolumeRequest(big, 0, 400 * S, 0, 100, List.of(), false));
        assertEquals(10 * 1024, volume.series().get(0).totalBytes());
    }

    @Test
    void volumeAggregatesIntoSelectorOrTargetLabels() {
        QueryContext a = QueryContext.of("a");
        List<Matcher> any = List.of(Matcher.of(MatchType.REGEX, "app", ".+"));
        VolumeResult byApp = service.volume(a, new VolumeRequest(any, 0, 100 * S, 0, 100, List.of(), false));
        assertEquals(List.of(Labels.of("app", "web"), Labels.of("app", "db")),
                byApp.series().stream().map(VolumeResult.Series::labels).toList());
        assertEquals(22, byApp.series().get(0).totalBytes());
        assertEquals(List.of(new VolumeResult.Point(100 * S, 22)), byApp.series().get(0).points());

        VolumeResult top1 = service.volume(a, new VolumeRequest(any, 0, 100 * S, 0, 1, List.of("pod"), false));
        assertEquals(List.of(new VolumeResult.Series(Labels.of("pod", "1"), 17,
                List.of(new VolumeResult.Point(100 * S, 17)))), top1.series());

        VolumeResult range = service.volume(a, new VolumeRequest(List.of(Matcher.equal("pod", "1")), 0, 100 * S,
                60 * S, 100, List.of(), false));
        // Loki's buckets: [0, 59.999 s] and [60 s, 100 s], each asked for in whole seconds ([0, 59 s],
        // [60 s, 100 s]); the points carry the bucket ends
        assertEquals(List.of(new VolumeResult.Point(59_999_000_000L, (long) (17 * 58.0 / 69)),
                new VolumeResult.Point(100 * S, (long) (17 * 10.0 / 69))), range.series().get(0).points());
        assertTrue(range.matrix());
        assertFalse(byApp.matrix());

        VolumeResult names = service.volume(a, new VolumeRequest(any, 0, 100 * S, 0, 100, List.of("app", "pod"), true));
        assertEquals(List.of(Labels.of("app", ""), Labels.of("pod", "")),
                names.series().stream().map(VolumeResult.Series::labels).toList());
    }

    @Test
    void aMergedReaderCountsChunksOnceAndReadsNoLinesForStatsOrVolume() {
        storage.flushAll();
        storage.append("a", List.of(new PushStream(Labels.of("app", "web", "pod", "1"),
                List.of(new LogEntry(80 * S, "abc")))));
        // a reader's view: the store plus a writer serving head and recently flushed chunks, which
        // are also in the store here: each chunk must count once
        int[] entriesCalls = new int[1];
        LogReader recent = storage.recentReader(java.time.Duration.ofMinutes(5));
        LogReader writer = new LogReader() {
            @Override
            public List<StreamInfo> streams(String tenant, List<Matcher> matchers, long from, long through) {
                return recent.streams(tenant, matchers, from, through);
            }

            @Override
            public EntryIterator entries(String tenant, StreamInfo stream, long from, long through, Direction d,
                    ScanHints hints) {
                entriesCalls[0]++;
                return recent.entries(tenant, stream, from, through, d, hints);
            }

            @Override
            public List<ChunkSummary> chunkSummaries(String tenant, StreamInfo stream, long from, long through) {
                return recent.chunkSummaries(tenant, stream, from, through);
            }
        };
        QueryService merged = new QueryService(LogReaders.merged(storage, List.of(writer)));
        List<Matcher> web = List.of(Matcher.equal("app", "web"));
        IndexStatistics expected = service.indexStatistics(QueryContext.of("a"), web, 0, 100 * S);
        assertEquals(3, expected.chunks());
        assertEquals(expected, merged.indexStatistics(QueryContext.of("a"), web, 0, 100 * S));
        VolumeRequest v = new VolumeRequest(web, 0, 100 * S, 30 * S, 100, List.of("pod"), false);
        assertEquals(service.volume(QueryContext.of("a"), v), merged.volume(QueryContext.of("a"), v));
        assertEquals(0, entriesCalls[0], "summaries only");

        // query stats count chunks through the merged reader too (not only on Storage itself)
        QueryContext q = QueryContext.of("a");
        merged.query(q, QueryRequest.range("{app=\"web\"}", 0, 100 * S, S));
        assertEquals(2, q.statistics().storeChunks());
        assertEquals(1, q.statistics().headChunks());
    }

    @Test
    void multiTenantMetricQueriesGroupByTenant() {
        QueryResult r = service.query(context(List.of("a", "b"), QueryGuard.NONE),
                QueryRequest.instant("sum by (__tenant_id__) (count_over_time({app=\"web\"}[1m]))", 60 * S));
        assertEquals(List.of(new QueryResult.Sample(Labels.of("__tenant_id__", "a"), 60_000, 2),
                new QueryResult.Sample(Labels.of("__tenant_id__", "b"), 60_000, 1)), ((QueryResult.Vector) r).samples());
    }

    @Test
    void expiredDeadlineIsLokisTimeoutAndCancellationIs499() {
        QueryRequest q = QueryRequest.range("{app=\"web\"}", 0, 100 * S, S);
        StrataException timeout = assertThrows(StrataException.class,
                () -> service.query(context(List.of("a"), new QueryGuard(System.nanoTime() - 1, () -> false)), q));
        assertEquals(ErrorCategory.TIMEOUT, timeout.category());
        assertEquals("request timed out, decrease the duration of the request or add more label matchers (prefer "
                + "exact match over regex match) to reduce the amount of data processed", timeout.getMessage());
        StrataException gone = assertThrows(StrataException.class,
                () -> service.query(context(List.of("a"), new QueryGuard(Long.MAX_VALUE, () -> true)), q));
        assertEquals(ErrorCategory.CANCELLED, gone.category());
        assertEquals("the request was cancelled by the client", gone.getMessage());
    }
}
