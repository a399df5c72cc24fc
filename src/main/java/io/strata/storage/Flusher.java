package io.strata.storage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Cuts due head chunks, writes pending chunks and their index segments to the object store,
 * publishes the flushed refs, then truncates the WAL. One round at a time ({@code roundLock});
 * rounds run every {@code flushCheckPeriod}, when a chunk fills up, and on {@link Storage#flushAll}.
 *
 * <p>Crash safety: a chunk's WAL records are deleted only after its chunk object and an index
 * segment naming it (with the WAL sequence range it holds) are durable; replay skips records
 * whose sequence number lies in a flushed range of their stream, so nothing is lost or doubled.
 */
final class Flusher implements AutoCloseable {
    private final StorageOptions options;
    private final ObjectStore store;
    private final Map<String, TenantIndex> tenants;
    private final WriteAheadLog[] wals;
    private final AtomicLong sequence;
    private final String writerId;
    private final AtomicLong indexSequence;
    private final List<WriteAheadLog.Segment> replayed;
    private final LoadedSegments loaded;
    private final RecentFlushes recent;
    private final Object roundLock = new Object();
    private final ScheduledExecutorService executor;
    private final AtomicBoolean wakeQueued = new AtomicBoolean();
    private final ChunkUploads uploads = new ChunkUploads(ChunkUploads.DEFAULT_PARALLELISM);
    final AtomicLong chunksFlushed = new AtomicLong();
    final AtomicLong flushedBytes = new AtomicLong();
    final AtomicLong indexSegments = new AtomicLong();
    final AtomicLong failures = new AtomicLong();

    Flusher(StorageOptions options, ObjectStore store, Map<String, TenantIndex> tenants, WriteAheadLog[] wals,
            AtomicLong sequence, String writerId, long nextIndexSequence, List<WriteAheadLog.Segment> replayed,
            LoadedSegments loaded, RecentFlushes recent) {
        this.loaded = loaded;
        this.recent = recent;
        this.options = options;
        this.store = store;
        this.tenants = tenants;
        this.wals = wals;
        this.sequence = sequence;
        this.writerId = writerId;
        this.indexSequence = new AtomicLong(nextIndexSequence);
        this.replayed = new ArrayList<>(replayed);
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "strata-flush");
            t.setDaemon(true);
            return t;
        });
    }

    void start() {
        long period = options.flushCheckPeriod().toMillis();
        executor.scheduleWithFixedDelay(this::scheduledRound, period, period, TimeUnit.MILLISECONDS);
    }

    /** Asks for a round soon (a chunk filled up); coalesces with a queued one. */
    void wake() {
        if (wakeQueued.compareAndSet(false, true)) {
            try {
                executor.execute(() -> {
                    wakeQueued.set(false);
                    scheduledRound();
                });
            } catch (java.util.concurrent.RejectedExecutionException e) {
                wakeQueued.set(false);
            }
        }
    }

    private void scheduledRound() {
        try {
            round(false);
        } catch (RuntimeException e) {
            // counted and reported in round(); the next round retries
        }
    }

    /** One flush round; {@code force} cuts every head chunk. Throws when the store fails. */
    void round(boolean force) {
        synchronized (roundLock) {
            long now = options.clock().millis();
            long maxAge = options.maxChunkAge().toMillis();
            long idle = options.chunkIdlePeriod().toMillis();
            List<StoredStream> withPending = new ArrayList<>();
            for (TenantIndex idx : tenants.values()) {
                for (StoredStream s : idx.all()) {
                    String reason = force ? "forced" : s.dueReason(now, maxAge, idle);
                    if (reason != null) {
                        s.cut(reason);
                    }
                    if (!s.view().pending().isEmpty()) {
                        withPending.add(s);
                    }
                }
            }
            try {
                flush(withPending);
            } catch (RuntimeException e) {
                failures.incrementAndGet();
                options.listener().flushFailed(e);
                throw e;
            }
            truncateWal();
            recent.prune(options.clock().millis());
        }
    }

    private record Flushed(StoredStream stream, PendingChunk chunk, ChunkRef ref) {}

    private record Group(String tenant, long periodStart) {}

    private void flush(List<StoredStream> streams) {
        long periodNanos = options.indexPeriod().toNanos();
        Map<Group, List<Flushed>> groups = new LinkedHashMap<>();
        for (StoredStream s : streams) {
            for (PendingChunk p : s.view().pending()) {
                groups.computeIfAbsent(new Group(s.tenant, Math.floorDiv(p.minT(), periodNanos) * periodNanos),
                        g -> new ArrayList<>()).add(new Flushed(s, p, null));
            }
        }
        // every chunk of the round is encoded and put with bounded parallelism; a group's index
        // segment is written only after all of its chunks are durable, groups commit in order
        ChunkUploads.Round round = uploads.round();
        List<List<Future<Flushed>>> puts = new ArrayList<>(groups.size());
        for (List<Flushed> chunks : groups.values()) {
            List<Future<Flushed>> futures = new ArrayList<>(chunks.size());
            for (Flushed f : chunks) {
                futures.add(round.submit(() -> put(f)));
            }
            puts.add(futures);
        }
        try {
            int i = 0;
            for (Group g : groups.keySet()) {
                commit(g, round, puts.get(i++));
            }
        } catch (RuntimeException | Error e) {
            round.abort();
            throw e;
        }
    }

    private Flushed put(Flushed f) {
        PendingChunk p = f.chunk();
        byte[] bytes = ChunkCodec.encode(p);
        ChunkRef ref = new ChunkRef(f.stream().shard, p.minT(), p.maxT(), ChunkCodec.checksum(bytes),
                bytes.length, p.rawBytes(), p.entries(), p.minSeq(), p.maxSeq());
        store.put(ref.key(f.stream().tenant, f.stream().info.fingerprint()), bytes);
        return new Flushed(f.stream(), p, ref);
    }

    private void commit(Group group, ChunkUploads.Round round, List<Future<Flushed>> puts) {
        List<Flushed> done = new ArrayList<>(puts.size());
        Map<StoredStream, List<ChunkRef>> byStream = new LinkedHashMap<>();
        for (Future<Flushed> put : puts) {
            Flushed f = round.await(put);
            done.add(f);
            byStream.computeIfAbsent(f.stream(), k -> new ArrayList<>()).add(f.ref());
        }
        List<IndexSegment.StreamChunks> entries = new ArrayList<>();
        byStream.forEach((s, refs) -> entries.add(new IndexSegment.StreamChunks(s.labels, refs)));
        IndexSegment segment = new IndexSegment(group.tenant(), group.periodStart(), entries);
        byte[] encoded = segment.encode();
        String key = IndexSegment.key(segment.tenant(), segment.periodStart(), writerId,
                indexSequence.getAndIncrement());
        loaded.reserve(key); // a concurrent index sync must not load our refs before markFlushed
        try {
            store.put(key, encoded);
        } catch (RuntimeException e) {
            loaded.release(key);
            throw e;
        }
        List<LoadedSegments.StreamRefs> refs = new ArrayList<>(byStream.size());
        byStream.forEach((s, r) -> refs.add(new LoadedSegments.StreamRefs(s, r)));
        loaded.register(key, refs);
        indexSegments.incrementAndGet();
        options.listener().indexSegmentWritten(segment.tenant(), encoded.length);
        long now = options.clock().millis();
        for (Flushed f : done) {
            recent.add(f.stream(), f.ref(), now); // before the ref replaces the pending chunk
        }
        for (Flushed f : done) {
            f.stream().markFlushed(f.chunk(), f.ref());
            chunksFlushed.incrementAndGet();
            flushedBytes.addAndGet(f.ref().compressedBytes());
            options.listener().chunkFlushed(f.stream().tenant, f.ref().compressedBytes(), f.ref().entries(),
                    f.chunk().reason());
        }
    }

    /** Deletes WAL segments that hold only flushed records. */
    private void truncateWal() {
        long minLive = sequence.get() + 1; // taken before the scan: later records are never deleted
        for (TenantIndex idx : tenants.values()) {
            for (StoredStream s : idx.all()) {
                minLive = Math.min(minLive, s.minLiveSeq());
            }
        }
        for (WriteAheadLog wal : wals) {
            wal.truncate(minLive);
        }
        long bound = minLive;
        replayed.removeIf(seg -> {
            if (seg.maxSeq() < bound) {
                WriteAheadLog.deleteQuietly(seg.path());
                return true;
            }
            return false;
        });
    }

    @Override
    public void close() {
        executor.shutdown();
        uploads.close();
        try {
            executor.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
