package io.strata.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.strata.logql.engine.QueryRequest;
import io.strata.model.Direction;
import io.strata.model.EntryIterator;
import io.strata.model.ErrorCategory;
import io.strata.model.Labels;
import io.strata.model.LogEntry;
import io.strata.model.PushStream;
import io.strata.model.StrataException;
import io.strata.query.QueryContext;
import io.strata.query.QueryService;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * Storage over a real s3proxy when S3 is in trouble (issue 7, "Bad input"): S3 stopped while
 * pushes continue, reads of flushed chunks during the outage, a bucket that does not exist and
 * wrong credentials. Every failure must be a quick {@code UNAVAILABLE} naming the store; nothing
 * acknowledged may be lost or doubled once S3 is back.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class S3StorageOutageTest {
    static final String TENANT = "outage";
    private static final long T0 = 1_700_000_000_000_000_000L;

    @RegisterExtension
    static final S3ProxyServer S3 = new S3ProxyServer();

    @TempDir
    Path dir;

    @Test
    @Order(1)
    void missingBucketFailsOpenQuicklyNamingTheStore() {
        try (S3ObjectStore store = new S3ObjectStore(S3.options("strata-no-such-bucket"))) {
            StrataException e = unavailableWithin(Duration.ofSeconds(5), () -> Storage.open(options(dir), store));
            assertEquals("object store s3://strata-no-such-bucket unavailable: list */: "
                    + "bucket does not exist (NoSuchBucket)", e.getMessage());
        }
    }

    @Test
    @Order(2)
    void wrongCredentialsFailOpenQuicklyWithoutRetrying() {
        String bucket = S3.createBucket();
        try (S3ObjectStore store = new S3ObjectStore(S3.options(bucket)
                .withCredentials(S3ProxyServer.ACCESS_KEY, "not-the-secret"))) {
            StrataException e = unavailableWithin(Duration.ofSeconds(5), () -> Storage.open(options(dir), store));
            assertTrue(e.getMessage().startsWith("object store s3://" + bucket + " unavailable: list */: "
                    + "access denied, check the S3 credentials"), e.getMessage());
            assertTrue(e.getMessage().contains("SignatureDoesNotMatch"), e.getMessage());
            assertTrue(!e.getMessage().contains("gave up"), "a 403 is not retried: " + e.getMessage());
        }
    }

    @Test
    @Order(3)
    void pushesAreAcknowledgedDuringAnOutageAndEverythingFlushesWhenS3Returns() throws Exception {
        String bucket = S3.createBucket();
        Recorder listener = new Recorder();
        Set<String> acked = ConcurrentHashMap.newKeySet();
        try (S3ObjectStore store = new S3ObjectStore(S3.options(bucket));
                Storage storage = Storage.open(options(dir.resolve("node")).withListener(listener), store)) {
            AtomicInteger next = new AtomicInteger();
            pushFor(storage, Duration.ofMillis(300), next, acked);
            storage.flushAll();
            long flushedBeforeOutage = storage.stats().chunksFlushed();
            assertTrue(flushedBeforeOutage > 0, "chunks flushed before the outage");
            assertEquals(0, listener.failures.get());

            S3.stop();
            try {
                // pushes go on: each append returns once its WAL record is synced, S3 or not
                pushFor(storage, Duration.ofMillis(1500), next, acked);
                awaitTrue(Duration.ofSeconds(10), () -> listener.failures.get() > 0,
                        "a background flush round reports the outage");
                StrataException failure = listener.lastFailure.get();
                assertEquals(ErrorCategory.UNAVAILABLE, failure.category(), failure.getMessage());
                assertTrue(failure.getMessage().startsWith("object store s3://" + bucket + " unavailable: put "),
                        failure.getMessage());
                StrataException forced = unavailableWithin(Duration.ofSeconds(5), storage::flushAll);
                assertTrue(forced.getMessage().startsWith("object store s3://" + bucket + " unavailable: put "),
                        forced.getMessage());
                assertTrue(storage.stats().headEntries() > 0, "unflushed entries wait in the head");
                pushFor(storage, Duration.ofMillis(300), next, acked);
            } finally {
                S3.start();
            }
            // no flushAll: the background rounds retry the pending chunks and cut the idle heads
            awaitTrue(Duration.ofSeconds(20), () -> storage.stats().headEntries() == 0,
                    "background flush rounds empty the head once S3 is back");
            StorageStats after = storage.stats();
            assertTrue(after.chunksFlushed() > flushedBeforeOutage, "the outage's chunks were flushed");
            assertTrue(after.flushFailures() >= 2, "failed rounds are counted: " + after.flushFailures());
            assertExactlyOnce(acked, countIds(storage, TENANT), "the writing storage");
        }
        // only what is in S3: a fresh storage with an empty data directory on the same bucket
        try (S3ObjectStore store = new S3ObjectStore(S3.options(bucket));
                Storage fromS3 = Storage.open(options(dir.resolve("fresh")), store)) {
            assertEquals(0, fromS3.stats().headEntries());
            assertExactlyOnce(acked, countIds(fromS3, TENANT), "a fresh storage on the bucket");
        }
        assertTrue(acked.size() > 300, "pushes made progress: " + acked.size());
    }

    @Test
    @Order(4)
    void readsOfFlushedChunksFailQuicklyNamingTheStoreWhileS3IsDownAndHeadDataStillAnswers() throws Exception {
        String bucket = S3.createBucket();
        Set<String> acked = ConcurrentHashMap.newKeySet();
        try (S3ObjectStore store = new S3ObjectStore(S3.options(bucket));
                Storage storage = Storage.open(options(dir), store)) {
            pushFor(storage, Duration.ofMillis(200), new AtomicInteger(), acked);
            storage.flushAll();
            storage.dropCaches();
            List<StreamInfo> streams = storage.streams(TENANT, List.of(), 0, Long.MAX_VALUE);
            assertEquals(4, streams.size());
            S3.stop();
            try {
                for (StreamInfo s : streams) {
                    for (Direction d : Direction.values()) {
                        StrataException e = unavailableWithin(Duration.ofSeconds(5), () -> drain(storage, s, d));
                        assertTrue(e.getMessage().startsWith("object store s3://" + bucket + " unavailable: get "
                                + TENANT + "/chunks/"), e.getMessage());
                        assertTrue(e.getMessage().endsWith("Connection refused (gave up after 3 attempts)"),
                                e.getMessage());
                    }
                }
                // the same through the query layer, with range splits on a pool: still UNAVAILABLE, still quick
                ExecutorService pool = Executors.newFixedThreadPool(2);
                try {
                    QueryService queries = new QueryService(storage, pool, 2);
                    for (QueryRequest q : List.of(
                            QueryRequest.range("sum by (stream) (count_over_time({app=\"outage\"}[1s]))",
                                    T0 - 60_000_000_000L, T0 + 600_000_000_000L, 10_000_000_000L),
                            QueryRequest.range("{app=\"outage\"} |= \"served\"", T0 - 60_000_000_000L,
                                    T0 + 600_000_000_000L, 0))) {
                        StrataException e = unavailableWithin(Duration.ofSeconds(5),
                                () -> queries.query(QueryContext.of(TENANT), q));
                        assertTrue(e.getMessage().startsWith("object store s3://" + bucket + " unavailable: get "),
                                q.query() + ": " + e.getMessage());
                    }
                } finally {
                    pool.shutdownNow();
                }
                // the index is in memory: selecting streams still answers
                assertEquals(streams, storage.streams(TENANT, List.of(), 0, Long.MAX_VALUE));
                // a range that only head data covers is served without S3
                long later = T0 + 3_600_000_000_000L;
                Labels labels = Labels.of("app", "outage", "stream", "0");
                storage.append(TENANT, List.of(new PushStream(labels, List.of(
                        new LogEntry(later, "id=head-1 pushed during the outage"),
                        new LogEntry(later + 1, "id=head-2 pushed during the outage")))));
                acked.addAll(List.of("head-1", "head-2"));
                StreamInfo stream0 = storage.streams(TENANT, List.of(io.strata.model.Matcher.equal("stream", "0")),
                        0, Long.MAX_VALUE).get(0);
                List<String> recent = new ArrayList<>();
                try (EntryIterator it = storage.entries(TENANT, stream0, later, Long.MAX_VALUE, Direction.BACKWARD,
                        ScanHints.NONE)) {
                    while (it.next()) {
                        recent.add(it.line());
                    }
                }
                assertEquals(List.of("id=head-2 pushed during the outage", "id=head-1 pushed during the outage"),
                        recent);
            } finally {
                S3.start();
            }
            assertExactlyOnce(acked, countIds(storage, TENANT), "reads after S3 is back");
        }
    }

    @Test
    @Order(5)
    void openingWhileS3IsDownFailsQuicklyNamingTheStore() throws Exception {
        String bucket = S3.createBucket();
        try (S3ObjectStore store = new S3ObjectStore(S3.options(bucket))) {
            S3.stop();
            try {
                // the index is loaded from the store at open: no S3, no storage (and no WAL replay)
                StrataException e = unavailableWithin(Duration.ofSeconds(5), () -> Storage.open(options(dir), store));
                assertEquals("object store s3://" + bucket + " unavailable: list */: Unable to execute HTTP request: "
                        + "Connection refused (gave up after 3 attempts)", e.getMessage());
            } finally {
                S3.start();
            }
            try (Storage storage = Storage.open(options(dir), store)) {
                assertEquals(List.of(), storage.streams(TENANT, List.of(), 0, Long.MAX_VALUE));
            }
        }
    }

    /** Small chunks and blocks, background flush rounds every 100 ms, idle chunks cut after 300 ms. */
    static StorageOptions options(Path dir) {
        return new StorageOptions(dir, 2, 8 * 1024, 2 * 1024, Duration.ofHours(2), Duration.ofMillis(300),
                Duration.ofMillis(100), Duration.ofHours(24), Clock.systemUTC(), StorageListener.NOOP);
    }

    /** Appends pushes of 4 streams × 5 entries for {@code duration}; records the ids of every acknowledged entry. */
    private static void pushFor(Storage storage, Duration duration, AtomicInteger next, Set<String> acked) {
        long end = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < end) {
            List<PushStream> push = new ArrayList<>();
            List<String> ids = new ArrayList<>();
            for (int s = 0; s < 4; s++) {
                List<LogEntry> entries = new ArrayList<>();
                for (int k = 0; k < 5; k++) {
                    int n = next.getAndIncrement();
                    String id = Integer.toString(n);
                    ids.add(id);
                    entries.add(new LogEntry(T0 + n * 1_000L, "id=" + id + " level=info msg=\"request served\" took="
                            + (n % 997) + "ms path=/api/v1/items/" + (n * 31 % 1000)));
                }
                push.add(new PushStream(Labels.of("app", "outage", "stream", Integer.toString(s)), entries));
            }
            storage.append(TENANT, push);
            acked.addAll(ids);
        }
    }

    /** How often each {@code id=<id>} appears in the tenant's streams, read forward over all time. */
    static Map<String, Integer> countIds(LogReader reader, String tenant) {
        Map<String, Integer> seen = new HashMap<>();
        for (StreamInfo si : reader.streams(tenant, List.of(), 0, Long.MAX_VALUE)) {
            try (EntryIterator it = reader.entries(tenant, si, 0, Long.MAX_VALUE, Direction.FORWARD, ScanHints.NONE)) {
                while (it.next()) {
                    String line = it.line();
                    seen.merge(line.substring(3, line.indexOf(' ')), 1, Integer::sum);
                }
            }
        }
        return seen;
    }

    /** Every acknowledged id exactly once, and no id more than once. */
    static void assertExactlyOnce(Set<String> acked, Map<String, Integer> seen, String where) {
        for (String id : acked) {
            Integer n = seen.get(id);
            if (n == null || n != 1) {
                fail(where + ": acknowledged entry " + id + " found " + n + " times");
            }
        }
        for (Map.Entry<String, Integer> e : seen.entrySet()) {
            assertEquals(1, e.getValue(), where + ": entry " + e.getKey() + " duplicated");
        }
    }

    private static long drain(Storage storage, StreamInfo stream, Direction direction) {
        long n = 0;
        try (EntryIterator it = storage.entries(TENANT, stream, 0, Long.MAX_VALUE, direction, ScanHints.NONE)) {
            while (it.next()) {
                n++;
            }
        }
        return n;
    }

    static StrataException unavailableWithin(Duration limit, Executable call) {
        long start = System.nanoTime();
        StrataException e = assertThrows(StrataException.class, call);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertEquals(ErrorCategory.UNAVAILABLE, e.category(), e.getMessage());
        assertTrue(took.compareTo(limit) < 0, "took " + took + ": " + e.getMessage());
        return e;
    }

    private static void awaitTrue(Duration limit, BooleanSupplier condition, String what) throws InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                fail("not within " + limit + ": " + what);
            }
            Thread.sleep(20);
        }
    }

    /** Counts failed flush rounds and keeps the last cause. */
    private static final class Recorder implements StorageListener {
        final AtomicInteger failures = new AtomicInteger();
        final AtomicReference<StrataException> lastFailure = new AtomicReference<>();

        @Override
        public void flushFailed(Throwable cause) {
            failures.incrementAndGet();
            lastFailure.set(cause instanceof StrataException se ? se
                    : new StrataException(ErrorCategory.INTERNAL, "not a StrataException: " + cause, cause));
        }
    }
}
