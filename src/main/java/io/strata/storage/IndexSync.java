package io.strata.storage;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * Brings the in-memory index in line with the index segments in the object store: lists
 * {@code <tenant>/index/} per tenant directory (never the whole bucket), loads segments not seen
 * before, then forgets segments that disappeared and drops the refs no remaining segment holds.
 * New segments are loaded before old ones are forgotten, so a compaction (new segment put, old
 * ones deleted) never hides data. Segments are fetched in batches of 256, 16 at a time (virtual
 * threads: S3 latency, not CPU, bounds a cold start), and each batch's refs reach each stream in
 * one update. A failing fetch aborts the sync; what was registered before still reaches its
 * streams. One run at a time.
 */
final class IndexSync {
    private static final System.Logger LOG = System.getLogger(IndexSync.class.getName());
    private static final int BATCH = 256;
    private static final int FETCH_PARALLELISM = 16;

    /** Told about each segment loaded (the opening collects the refs of its own writer). */
    interface Listener {
        void loaded(String key, IndexSegment segment, List<LoadedSegments.StreamRefs> refs);
    }

    private final ObjectStore store;
    private final ConcurrentHashMap<String, TenantIndex> tenants;
    private final Opening.StreamFactory factory;
    private final LoadedSegments loaded;
    private volatile String ownPrefix; // "<writer id>-", null when read-only

    IndexSync(ObjectStore store, ConcurrentHashMap<String, TenantIndex> tenants, Opening.StreamFactory factory,
            LoadedSegments loaded) {
        this.store = store;
        this.tenants = tenants;
        this.factory = factory;
        this.loaded = loaded;
    }

    /** Names this process's writer id once known (segments starting with {@code <id>-} are its own). */
    void writerId(String id) {
        ownPrefix = id == null ? null : id + "-";
    }

    /** Every index segment key in the store: {@code <tenant>/index/<period>/<name>.idx}. */
    List<String> listSegments() {
        List<String> out = new ArrayList<>();
        for (String tenant : store.listDirectories("")) {
            for (String key : store.list(tenant + "/index/")) {
                if (isSegmentKey(key)) {
                    out.add(key);
                }
            }
        }
        return out;
    }

    static boolean isSegmentKey(String key) {
        String[] parts = key.split("/");
        return parts.length == 4 && parts[1].equals("index") && parts[3].endsWith(".idx");
    }

    /** The segment file name of a key ({@code <writer id>-<sequence>.idx}). */
    static String segmentName(String key) {
        return key.substring(key.lastIndexOf('/') + 1);
    }

    synchronized SyncResult run(Listener listener) {
        Set<String> before = loaded.keys();
        List<String> listed = listSegments(); // a failing listing aborts the sync before anything is forgotten
        Set<String> present = new HashSet<>(listed);
        List<String> fresh = new ArrayList<>();
        for (String key : listed) {
            if (!loaded.isKnown(key)) {
                fresh.add(key);
            }
        }
        int added = 0;
        for (int i = 0; i < fresh.size(); i += BATCH) {
            added += loadBatch(fresh.subList(i, Math.min(fresh.size(), i + BATCH)), listener);
        }
        int removed = 0;
        for (String key : before) {
            if (!present.contains(key)) {
                loaded.forget(key);
                removed++;
            }
        }
        return new SyncResult(added, removed);
    }

    /** Fetches a batch in parallel, registers each segment, then adds the refs once per stream. */
    private int loadBatch(List<String> keys, Listener listener) {
        List<byte[]> bytes = fetchAll(keys);
        Map<StoredStream, List<ChunkRef>> foreign = new IdentityHashMap<>();
        Map<StoredStream, List<ChunkRef>> ours = new IdentityHashMap<>();
        String own = ownPrefix;
        int added = 0;
        try {
            for (int i = 0; i < keys.size(); i++) {
                String key = keys.get(i);
                List<LoadedSegments.StreamRefs> refs = register(key, bytes.get(i), listener);
                if (refs == null) {
                    continue;
                }
                added++;
                Map<StoredStream, List<ChunkRef>> into =
                        own != null && segmentName(key).startsWith(own) ? ours : foreign;
                for (LoadedSegments.StreamRefs sr : refs) {
                    into.computeIfAbsent(sr.stream(), k -> new ArrayList<>()).addAll(sr.refs());
                }
            }
        } finally { // registered segments must reach their streams whatever happens
            foreign.forEach((s, refs) -> s.loadRefs(refs, false));
            ours.forEach((s, refs) -> s.loadRefs(refs, true));
        }
        return added;
    }

    private List<byte[]> fetchAll(List<String> keys) {
        if (keys.size() == 1) {
            return java.util.Collections.singletonList(store.get(keys.get(0)).orElse(null));
        }
        Semaphore permits = new Semaphore(FETCH_PARALLELISM);
        try (ExecutorService ex = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<byte[]>> futures = new ArrayList<>(keys.size());
            for (String key : keys) {
                futures.add(ex.submit(() -> {
                    permits.acquire();
                    try {
                        return store.get(key).orElse(null);
                    } finally {
                        permits.release();
                    }
                }));
            }
            List<byte[]> out = new ArrayList<>(keys.size());
            for (Future<byte[]> f : futures) {
                out.add(f.get());
            }
            return out;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new io.strata.model.StrataException(io.strata.model.ErrorCategory.UNAVAILABLE,
                    "index sync interrupted", e);
        }
    }

    /** Decodes and registers one segment; its refs per stream, or null when skipped. */
    private List<LoadedSegments.StreamRefs> register(String key, byte[] bytes, Listener listener) {
        if (bytes == null) {
            return null; // deleted since the listing
        }
        IndexSegment segment;
        try {
            segment = IndexSegment.decode(bytes);
        } catch (CorruptDataException e) {
            LOG.log(System.Logger.Level.WARNING, "skipping index segment {0}: {1}", key, e.getMessage());
            loaded.register(key, List.of()); // not retried on every sync
            return null;
        }
        String tenant = segment.tenant();
        TenantIndex idx = tenants.computeIfAbsent(tenant, TenantIndex::new);
        List<LoadedSegments.StreamRefs> refs = new ArrayList<>(segment.streams().size());
        for (IndexSegment.StreamChunks sc : segment.streams()) {
            StoredStream s = idx.getOrCreate(sc.labels(), l -> factory.create(tenant, l));
            refs.add(new LoadedSegments.StreamRefs(s, sc.chunks()));
        }
        if (!loaded.register(key, refs)) {
            return null;
        }
        listener.loaded(key, segment, refs);
        return refs;
    }
}
