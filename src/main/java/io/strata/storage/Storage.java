package io.strata.storage;

import io.strata.model.Direction;
import io.strata.model.EntryIterator;
import io.strata.model.ErrorCategory;
import io.strata.model.Labels;
import io.strata.model.Matcher;
import io.strata.model.PushStream;
import io.strata.model.StrataException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The storage engine: sharded WALs and head chunks, flushing to an {@link ObjectStore}, an
 * in-memory label index loaded from index segments, and merged reads of head and flushed data.
 * See FORMAT.md for the byte layouts and README.md for the design. Thread-safe.
 */
public final class Storage implements LogWriter, LogReader, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Storage.class.getName());
    private static final int MAX_SCRATCH_BYTES = 4 << 20;

    private final StorageOptions options;
    private final ObjectStore store;
    private final boolean ownsStore;
    private final ConcurrentHashMap<String, TenantIndex> tenants = new ConcurrentHashMap<>();
    private final Map<String, Boolean> validTenants = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong();
    private final ChunkCache cache = new ChunkCache(ChunkCache.CHUNK_BYTES, ChunkCache.BLOCK_BYTES);
    private final LongAdder appended = new LongAdder();
    private final LongAdder duplicates = new LongAdder();
    private final LongAdder skippedBlocks = new LongAdder();
    private final ThreadLocal<Scratch> scratch = ThreadLocal.withInitial(Scratch::new);
    private final WriteAheadLog[] wals;
    private final Flusher flusher; // null when read-only
    private final Opening opening;
    private final IndexSync indexSync;
    private final RecentFlushes recent;
    private final ScheduledExecutorService syncer; // null without background index sync
    private volatile boolean closed;

    private Storage(StorageOptions options, ObjectStore store, boolean ownsStore) {
        this.options = options;
        this.store = store;
        this.ownsStore = ownsStore;
        LoadedSegments loaded = new LoadedSegments();
        this.indexSync = new IndexSync(store, tenants, this::newStream, loaded);
        this.recent = new RecentFlushes(options.chunkRetainPeriod().toMillis());
        this.opening = new Opening(options, tenants, sequence, this::newStream, indexSync, loaded);
        this.opening.run();
        if (options.readOnly()) {
            this.wals = new WriteAheadLog[0];
            this.flusher = null;
        } else {
            this.wals = new WriteAheadLog[options.shards()];
            for (int i = 0; i < wals.length; i++) {
                wals[i] = new WriteAheadLog(opening.walRoot().resolve(Integer.toString(i)),
                        opening.nextSegmentNumber(i), sequence, options.listener());
            }
            this.flusher = new Flusher(options, store, tenants, wals, sequence, opening.writerId(),
                    opening.nextIndexSequence(), opening.replayedSegments(), loaded, recent);
            this.flusher.start();
        }
        this.syncer = startSyncer(options.indexSyncPeriod().toMillis());
    }

    private ScheduledExecutorService startSyncer(long periodMillis) {
        if (periodMillis <= 0) {
            return null;
        }
        ScheduledExecutorService ex = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "strata-index-sync");
            t.setDaemon(true);
            return t;
        });
        ex.scheduleWithFixedDelay(() -> {
            try {
                syncIndex();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "index sync failed: {0}", e.toString());
            }
        }, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
        return ex;
    }

    /** Opens storage with a {@link LocalDiskObjectStore} under {@code <dataDir>/store}. */
    public static Storage open(StorageOptions options) {
        return new Storage(options, new LocalDiskObjectStore(options.dataDir().resolve("store")), true);
    }

    /** Opens storage whose chunks and index segments go to {@code store} (not closed by {@link #close}). */
    public static Storage open(StorageOptions options, ObjectStore store) {
        return new Storage(options, store, false);
    }

    StoredStream newStream(String tenant, Labels labels) {
        long h = labels.fingerprint() * 31 + tenant.hashCode();
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        int shard = (int) Math.floorMod(h, (long) options.shards());
        return new StoredStream(tenant, labels, shard, tenant(tenant).active);
    }

    private TenantIndex tenant(String tenant) {
        return tenants.computeIfAbsent(tenant, TenantIndex::new);
    }

    private void validate(String tenant) {
        if (!validTenants.containsKey(tenant)) {
            TenantIds.validate(tenant);
            validTenants.put(tenant, Boolean.TRUE);
        }
    }

    @Override
    public void append(String tenant, List<PushStream> streams) {
        validate(tenant);
        if (flusher == null) {
            throw new StrataException(ErrorCategory.UNAVAILABLE, "this instance does not accept writes");
        }
        if (closed) {
            throw new StrataException(ErrorCategory.UNAVAILABLE, "storage is closed");
        }
        TenantIndex idx = tenant(tenant);
        Scratch s = scratch.get();
        long[] maxSeq = s.maxSeq(wals.length);
        long now = options.clock().millis();
        boolean wake = false;
        String rejection = null;
        long window = options.maxChunkAge().toNanos() / 2;
        try {
            for (PushStream ps : streams) {
                if (ps.entries().isEmpty()) {
                    continue;
                }
                StoredStream stream = idx.getOrCreate(ps.labels(), l -> newStream(tenant, l));
                StoredStream.AppendCounts c = s.counts;
                c.reset();
                long seq = stream.append(ps.entries(), wals[stream.shard], s.writer, now, options.blockBytes(),
                        options.targetChunkBytes(), window, c);
                if (c.behind != null) {
                    rejection = c.behind.message(tenant, ps.entries().size(), ps.labels().toString());
                }
                if (seq > maxSeq[stream.shard]) {
                    maxSeq[stream.shard] = seq;
                }
                wake |= c.cut;
                appended.add(c.kept);
                duplicates.add(c.duplicates);
                options.listener().entriesAppended(tenant, c.kept, c.bytes, c.duplicates);
            }
        } finally {
            if (s.writer.buffer().length > MAX_SCRATCH_BYTES) {
                s.writer = new ByteWriter(1 << 16);
            }
        }
        if (wake) {
            flusher.wake();
        }
        for (int i = 0; i < maxSeq.length; i++) {
            if (maxSeq[i] > 0) {
                wals[i].awaitDurable(maxSeq[i]);
            }
        }
        if (rejection != null) {
            // the accepted entries are durable; like Loki, answer 400 naming the ignored ones
            throw StrataException.badRequest(rejection);
        }
    }

    @Override
    public long activeStreams(String tenant) {
        TenantIndex idx = tenants.get(tenant);
        return idx == null ? 0 : idx.active.get();
    }

    @Override
    public boolean isActive(String tenant, Labels labels) {
        TenantIndex idx = tenants.get(tenant);
        StoredStream s = idx == null ? null : idx.get(labels);
        return s != null && s.hasHeadData();
    }

    @Override
    public List<StreamInfo> streams(String tenant, List<Matcher> matchers, long fromNanos, long throughNanos) {
        validate(tenant);
        TenantIndex idx = tenants.get(tenant);
        if (idx == null) {
            return List.of();
        }
        List<StreamInfo> out = new ArrayList<>();
        for (StoredStream s : idx.select(matchers)) {
            if (s.hasDataIn(fromNanos, throughNanos)) {
                out.add(s.info);
            }
        }
        out.sort(Comparator.comparing(StreamInfo::labels));
        return out;
    }

    @Override
    public EntryIterator entries(String tenant, StreamInfo stream, long fromNanos, long throughNanos,
            Direction direction, ScanHints hints) {
        validate(tenant);
        TenantIndex idx = tenants.get(tenant);
        StoredStream s = idx == null ? null : idx.get(stream.labels());
        if (s == null) {
            return EntryIterator.EMPTY;
        }
        return StreamScan.open(s, store, cache, fromNanos, throughNanos, direction,
                hints == null ? ScanHints.NONE : hints, skippedBlocks::add);
    }

    /**
     * Loads index segments that appeared in the object store since the last sync and forgets the
     * chunk refs of segments that disappeared (unless another loaded segment holds them). Safe to
     * call concurrently with queries and flushes, in every mode.
     */
    public SyncResult syncIndex() {
        return indexSync.run((key, segment, refs) -> {});
    }

    /**
     * A view of only the data a reader of the object store might not see yet: head blocks, cut but
     * unflushed chunks, and chunks this process flushed less than {@code retain} ago (flush times
     * are kept in memory for the longest retain asked for, at least
     * {@link StorageOptions#chunkRetainPeriod()}). Same ordering and hints semantics as
     * {@link #entries}; {@code streams} lists only streams with such data in the range.
     */
    public LogReader recentReader(Duration retain) {
        long millis = retain.toMillis();
        recent.keepAtLeast(millis);
        return new RecentView(tenants, store, cache, recent, options.clock(), millis, this::validate,
                skippedBlocks::add);
    }

    /** Whether this storage was opened read-only (no WAL, no flusher). */
    public boolean readOnly() {
        return flusher == null;
    }

    /** This process's writer id (the prefix of its index segment names); null when read-only. */
    public String writerId() {
        return opening.writerId();
    }

    /** Cuts every head chunk and flushes it now (synchronously). */
    public void flushAll() {
        if (flusher != null) {
            flusher.round(true);
        }
    }

    /** Runs one ordinary flush round now (cuts only due chunks); for tests with an injected clock. */
    public void flushDue() {
        if (flusher != null) {
            flusher.round(false);
        }
    }

    public StorageStats stats() {
        long headStreams = 0;
        long headEntries = 0;
        long headBytes = 0;
        for (TenantIndex idx : tenants.values()) {
            headStreams += idx.active.get();
            for (StoredStream s : idx.all()) {
                long[] u = s.headUsage();
                headEntries += u[0];
                headBytes += u[1];
            }
        }
        long syncs = 0;
        long records = 0;
        for (WriteAheadLog w : wals) {
            syncs += w.syncs();
            records += w.records();
        }
        return new StorageStats(headStreams, headEntries, headBytes, appended.sum(), duplicates.sum(), syncs,
                records, flusher == null ? 0 : flusher.chunksFlushed.get(),
                flusher == null ? 0 : flusher.flushedBytes.get(), flusher == null ? 0 : flusher.indexSegments.get(),
                flusher == null ? 0 : flusher.failures.get(), cache.decompressed(), skippedBlocks.sum(), cache.hits(), cache.misses());
    }

    /** Empties the chunk and block caches (tests and benchmarks measure cold reads with it). */
    public void dropCaches() {
        cache.invalidateAll();
    }

    public ObjectStore objectStore() {
        return store;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (syncer != null) {
            syncer.shutdownNow();
            try {
                syncer.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (flusher != null) {
            flusher.close();
        }
        for (WriteAheadLog w : wals) {
            w.close();
        }
        if (ownsStore) {
            store.close();
        }
    }

    /** Per-thread append buffers. */
    private static final class Scratch {
        ByteWriter writer = new ByteWriter(1 << 16);
        final StoredStream.AppendCounts counts = new StoredStream.AppendCounts();
        private long[] maxSeq = new long[0];

        long[] maxSeq(int n) {
            if (maxSeq.length != n) {
                maxSeq = new long[n];
            } else {
                java.util.Arrays.fill(maxSeq, 0);
            }
            return maxSeq;
        }
    }

    @Override
    public List<ChunkSummary> chunkSummaries(String tenant, StreamInfo stream, long fromNanos, long throughNanos) {
        validate(tenant);
        TenantIndex idx = tenants.get(tenant);
        StoredStream s = idx == null ? null : idx.get(stream.labels());
        return s == null ? List.of() : ChunkSummary.collect(s, fromNanos, throughNanos);
    }
}
