package io.strata.bench;

import io.strata.logql.engine.EngineOptions;
import io.strata.logql.engine.QueryGuard;
import io.strata.logql.engine.QueryRequest;
import io.strata.logql.engine.QueryResult;
import io.strata.model.Direction;
import io.strata.model.ErrorCategory;
import io.strata.model.Labels;
import io.strata.model.LogEntry;
import io.strata.model.PushStream;
import io.strata.model.StrataException;
import io.strata.query.QueryContext;
import io.strata.query.QueryService;
import io.strata.query.QueryStatistics;
import io.strata.storage.ObjectStore;
import io.strata.storage.S3StorageFixture;
import io.strata.storage.Storage;
import io.strata.storage.StorageOptions;
import io.strata.storage.StorageStats;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * S3 benchmark driver (issue 7 §7), run by {@code bench/s3.sh [MiB] [runs]}. Against a local
 * s3proxy process (filesystem backend, SigV4), it:
 * <ol>
 * <li>appends {@code MiB} of the query benchmark's data ({@link LogLineGenerator}, the stream layout
 * and one-hour spread of {@code bench/query.sh} with 4 connections) into a {@link Storage} whose
 * object store rejects puts, so every chunk waits in memory (default 1.5 MiB chunks, 256 KiB blocks);
 * <li>opens the store and times one {@code flushAll()}: the flusher's throughput to S3 in MiB/s of
 * chunk bytes and objects/s (chunks + index segments), encoding included;
 * <li>opens a fresh {@link Storage} on the bucket with an empty data directory (index from S3) and
 * runs the query benchmark's queries through {@link QueryService} (2 step-group threads, as the
 * server on 2 cores), once to warm the JIT, then per query: cold = the median of {@code runs} runs
 * each after dropping the caches, so every chunk it needs comes from S3; warm = the median of
 * {@code runs} runs after those, served by the Caffeine chunk and block caches. Every run must give
 * the same result.
 * </ol>
 * s3proxy serves its files from the OS page cache, so "cold" measures S3 requests, transfer and
 * decoding, not a disk.
 */
public final class S3Bench {
    private static final String TENANT = "bench";
    private static final int CONNECTIONS = 4;
    private static final Pattern LABEL = Pattern.compile("(\\w+)=\"([^\"]*)\"");

    private record Query(String name, String logql, int limit, long stepSeconds) {}

    private static final List<Query> QUERIES = List.of(
            new Query("rare needle", "{env=~\"prod|staging\"} |= \"needle-7f3a9\"", 100, 0),
            new Query("broad filter", "{env=\"prod\"} |= \"error\"", 1000, 0),
            new Query("regex filter", "{env=~\".+\"} |~ \"status=5[0-9][0-9]\"", 1000, 0),
            new Query("json status>=500", "{format=\"json\"} | json | status >= 500", 1000, 0),
            new Query("logfmt duration>1s", "{format=\"logfmt\"} | logfmt | duration > 1s", 1000, 0),
            new Query("sum by app rate 1m", "sum by (app) (rate({env=~\".+\"}[1m]))", 100, 60),
            new Query("topk pods", "topk(3, sum by (pod) (count_over_time({env=~\".+\"}[5m])))", 100, 60),
            new Query("quantile unwrap", "quantile_over_time(0.99, {format=\"logfmt\"} | logfmt "
                    + "| unwrap duration(duration) [5m]) by (app)", 100, 60));

    /** The result of the last {@link #time} call (the driver is single-threaded). */
    private static QueryResult last;

    private S3Bench() {}

    public static void main(String[] args) throws Exception {
        long mib = args.length > 0 ? Long.parseLong(args[0]) : 256;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        S3StorageFixture s3 = new S3StorageFixture();
        s3.beforeAll(null);
        Path tmp = Files.createTempDirectory("strata-s3bench");
        try {
            String bucket = s3.createBucket();
            long startNanos = (System.currentTimeMillis() / 1000 - 3600) * 1_000_000_000L;
            try (GatedStore store = new GatedStore(s3.store(bucket))) {
                ingestAndFlush(store, tmp.resolve("writer"), mib, startNanos);
            }
            try (GatedStore store = new GatedStore(s3.store(bucket))) {
                store.open = true;
                query(store, tmp.resolve("reader"), startNanos, runs);
            }
        } finally {
            s3.afterAll(null);
            deleteTree(tmp);
        }
    }

    private static void ingestAndFlush(GatedStore store, Path dir, long mib, long startNanos) throws Exception {
        StorageOptions options = StorageOptions.defaults(dir)
                .withPeriods(Duration.ofHours(2), Duration.ofMinutes(30), Duration.ofHours(1));
        try (Storage storage = Storage.open(options, store)) {
            long t0 = System.nanoTime();
            long[] totals = ingest(storage, mib * 1024 * 1024, startNanos);
            double ingestSeconds = (System.nanoTime() - t0) / 1e9;
            StorageStats before = storage.stats();
            System.out.printf("ingested %.1f MiB of lines (%d lines, 16 streams over one hour) in %.1f s "
                    + "(storage append; S3 puts held back, %d flush rounds rejected)%n",
                    totals[0] / 1048576.0, totals[1], ingestSeconds, before.flushFailures());
            store.open = true;
            long t1 = System.nanoTime();
            storage.flushAll();
            double flushSeconds = (System.nanoTime() - t1) / 1e9;
            StorageStats after = storage.stats();
            long chunks = after.chunksFlushed() - before.chunksFlushed();
            long bytes = after.flushedBytes() - before.flushedBytes();
            long segments = after.indexSegments() - before.indexSegments();
            System.out.printf("flush to s3proxy: %d chunks (%.1f MiB compressed, ratio %.1fx) + %d index segments "
                    + "in %.2f s: %.1f MiB/s of chunk bytes, %.1f objects/s, %.1f MiB/s of log lines%n",
                    chunks, bytes / 1048576.0, totals[0] / (double) Math.max(1, bytes), segments, flushSeconds,
                    bytes / 1048576.0 / flushSeconds, (chunks + segments) / flushSeconds,
                    totals[0] / 1048576.0 / flushSeconds);
        }
        rawPuts(store, 1, 24);
        rawPuts(store, 4, 24);
    }

    /** The same store without the flusher: {@code count} puts of 1.5 MiB from {@code threads} threads. */
    private static void rawPuts(ObjectStore store, int threads, int count) throws Exception {
        byte[] chunk = new byte[1536 * 1024];
        new java.util.Random(1).nextBytes(chunk);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> futures = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int i = 0; i < count; i++) {
            String key = "raw/" + threads + "/" + i;
            futures.add(pool.submit(() -> store.put(key, chunk)));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        pool.shutdown();
        System.out.printf("raw S3ObjectStore puts, %d thread(s): %d x 1.5 MiB in %.2f s: %.1f MiB/s, %.1f objects/s%n",
                threads, count, seconds, count * 1.5 / seconds, count / seconds);
    }

    /** The PushLoad loop of {@code bench/query.sh} (4 connections, 1 MiB batches), appended directly. */
    private static long[] ingest(Storage storage, long totalBytes, long startNanos) throws Exception {
        AtomicLong sentBytes = new AtomicLong();
        AtomicLong sentLines = new AtomicLong();
        long linesPlanned = totalBytes / 220;
        long stepNanos = Math.max(1, 3540L * 1_000_000_000L / Math.max(1, linesPlanned));
        int streams = LogLineGenerator.streamCount();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<?>> futures = new ArrayList<>();
        for (int c = 0; c < CONNECTIONS; c++) {
            int conn = c;
            futures.add(pool.submit(() -> {
                LogLineGenerator gen = new LogLineGenerator(conn * 7919L + 1);
                Labels[] labels = new Labels[4];
                int[] ids = new int[4];
                for (int s = 0; s < 4; s++) {
                    ids[s] = (conn + s * CONNECTIONS) % streams;
                    labels[s] = parseLabels(LogLineGenerator.streamLabels(ids[s]));
                }
                long lineNo = conn;
                while (sentBytes.get() < totalBytes) {
                    List<List<LogEntry>> batch = new ArrayList<>();
                    for (int s = 0; s < 4; s++) {
                        batch.add(new ArrayList<>());
                    }
                    int bytes = 0;
                    int n = 0;
                    while (bytes < 1024 * 1024) {
                        int s = n++ % 4;
                        long ts = startNanos + lineNo * stepNanos / CONNECTIONS;
                        lineNo += CONNECTIONS;
                        String line = gen.line(ids[s], ts);
                        batch.get(s).add(new LogEntry(ts, line));
                        bytes += line.length();
                    }
                    List<PushStream> push = new ArrayList<>();
                    for (int s = 0; s < 4; s++) {
                        push.add(new PushStream(labels[s], batch.get(s)));
                    }
                    storage.append(TENANT, push);
                    sentBytes.addAndGet(bytes);
                    sentLines.addAndGet(n);
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        return new long[] {sentBytes.get(), sentLines.get()};
    }

    private static void query(GatedStore store, Path dir, long startNanos, int runs) throws Exception {
        StorageOptions options = StorageOptions.defaults(dir)
                .withPeriods(Duration.ofHours(2), Duration.ofMinutes(30), Duration.ofHours(1));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        long t0 = System.nanoTime();
        try (Storage storage = Storage.open(options, store)) {
            System.out.printf("fresh storage on the bucket (empty data dir) opened in %.2f s: %d index segments "
                    + "listed and fetched%n", (System.nanoTime() - t0) / 1e9, store.gets.get());
            QueryService service = new QueryService(storage, pool, 2);
            long start = startNanos - 60_000_000_000L;
            long end = startNanos + 3660L * 1_000_000_000L;
            for (Query q : QUERIES) { // JIT warm-up, so "cold" is about the caches, not the compiler
                time(service, request(q, start, end), new QueryStatistics());
            }
            System.out.printf("%-20s %10s %8s %10s %10s %8s %10s%n", "query", "cold s", "S3 GETs", "S3 MiB",
                    "warm s", "speedup", "scanned");
            for (Query q : QUERIES) {
                QueryRequest request = request(q, start, end);
                double[] cold = new double[runs];
                long coldGets = 0;
                long coldBytes = 0;
                QueryStatistics coldStats = null;
                QueryResult coldResult = null;
                for (int i = 0; i < runs; i++) {
                    storage.dropCaches();
                    long gets = store.gets.get();
                    long fetched = store.getBytes.get();
                    coldStats = new QueryStatistics();
                    cold[i] = time(service, request, coldStats);
                    coldGets = store.gets.get() - gets;
                    coldBytes = store.getBytes.get() - fetched;
                    check(q, coldResult, last);
                    coldResult = last;
                }
                double[] warm = new double[runs];
                long warmGets = store.gets.get();
                for (int i = 0; i < runs; i++) {
                    warm[i] = time(service, request, new QueryStatistics());
                    check(q, coldResult, last);
                }
                warmGets = store.gets.get() - warmGets;
                if (Boolean.getBoolean("s3bench.verbose")) {
                    System.out.println("  cold " + Arrays.toString(cold) + " warm " + Arrays.toString(warm)
                            + " " + storage.stats());
                }
                double coldMedian = median(cold);
                double warmMedian = median(warm);
                System.out.printf("%-20s %10.3f %8d %10.1f %10.3f %7.1fx %7.1f MiB%s%n", q.name(), coldMedian,
                        coldGets, coldBytes / 1048576.0, warmMedian, coldMedian / warmMedian,
                        coldStats.bytesProcessed() / 1048576.0,
                        warmGets == 0 ? "" : "  (" + warmGets + " GETs while warm: caches too small)");
            }
            StorageStats st = storage.stats();
            System.out.printf("block cache: %d hits, %d misses (chunk cache %s B, block cache %s B)%n",
                    st.cacheHits(), st.cacheMisses(), System.getProperty("strata.storage.chunk-cache-bytes", "128 Mi"),
                    System.getProperty("strata.storage.block-cache-bytes", "256 Mi"));
        } finally {
            pool.shutdownNow();
        }
    }

    private static void check(Query q, QueryResult expected, QueryResult actual) {
        if (expected != null && !expected.equals(actual)) {
            throw new IllegalStateException(q.name() + ": two runs of the query answered differently");
        }
    }

    private static double median(double[] times) {
        double[] sorted = times.clone();
        Arrays.sort(sorted);
        return sorted[(sorted.length - 1) / 2];
    }

    private static QueryRequest request(Query q, long start, long end) {
        return new QueryRequest(q.logql(), start, end, q.stepSeconds() * 1_000_000_000L, 0, q.limit(),
                Direction.BACKWARD, false);
    }

    private static double time(QueryService service, QueryRequest request, QueryStatistics statistics) {
        QueryContext context = new QueryContext(List.of(TENANT), Map.of(), EngineOptions.DEFAULTS, QueryGuard.NONE,
                statistics);
        long t0 = System.nanoTime();
        last = service.query(context, request);
        return (System.nanoTime() - t0) / 1e9;
    }

    private static Labels parseLabels(String text) {
        List<String> kv = new ArrayList<>();
        Matcher m = LABEL.matcher(text);
        while (m.find()) {
            kv.add(m.group(1));
            kv.add(m.group(2));
        }
        return Labels.of(kv.toArray(String[]::new));
    }

    private static void deleteTree(Path dir) throws Exception {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Rejects puts until opened (so chunks pile up in memory); counts GETs and their bytes. */
    private static final class GatedStore implements ObjectStore {
        private final ObjectStore inner;
        volatile boolean open;
        final AtomicLong gets = new AtomicLong();
        final AtomicLong getBytes = new AtomicLong();

        GatedStore(ObjectStore inner) {
            this.inner = inner;
        }

        @Override
        public void put(String key, byte[] data) {
            if (!open) {
                throw new StrataException(ErrorCategory.UNAVAILABLE, "held back by the benchmark");
            }
            inner.put(key, data);
        }

        @Override
        public Optional<byte[]> get(String key) {
            Optional<byte[]> data = inner.get(key);
            gets.incrementAndGet();
            data.ifPresent(d -> getBytes.addAndGet(d.length));
            return data;
        }

        @Override
        public List<String> list(String prefix) {
            return inner.list(prefix);
        }

        @Override
        public void delete(String key) {
            inner.delete(key);
        }

        @Override
        public String describe() {
            return inner.describe();
        }

        @Override
        public void close() {
            inner.close();
        }
    }
}
