package io.strata.storage;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Brings the in-memory index in line with the index segments in the object store: lists
 * {@code <tenant>/index/} per tenant directory (never the whole bucket), loads segments not seen
 * before, then forgets segments that disappeared and drops the refs no remaining segment holds.
 * New segments are loaded before old ones are forgotten, so a compaction (new segment put, old
 * ones deleted) never hides data. One run at a time.
 */
final class IndexSync {
    private static final System.Logger LOG = System.getLogger(IndexSync.class.getName());

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
        int added = 0;
        for (String key : listed) {
            if (!loaded.isKnown(key) && load(key, listener)) {
                added++;
            }
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

    private boolean load(String key, Listener listener) {
        byte[] bytes = store.get(key).orElse(null);
        if (bytes == null) {
            return false; // deleted since the listing
        }
        IndexSegment segment;
        try {
            segment = IndexSegment.decode(bytes);
        } catch (CorruptDataException e) {
            LOG.log(System.Logger.Level.WARNING, "skipping index segment {0}: {1}", key, e.getMessage());
            loaded.register(key, List.of()); // not retried on every sync
            return false;
        }
        String tenant = segment.tenant();
        TenantIndex idx = tenants.computeIfAbsent(tenant, TenantIndex::new);
        List<LoadedSegments.StreamRefs> refs = new ArrayList<>(segment.streams().size());
        for (IndexSegment.StreamChunks sc : segment.streams()) {
            StoredStream s = idx.getOrCreate(sc.labels(), l -> factory.create(tenant, l));
            refs.add(new LoadedSegments.StreamRefs(s, sc.chunks()));
        }
        if (!loaded.register(key, refs)) {
            return false;
        }
        String own = ownPrefix;
        boolean ours = own != null && segmentName(key).startsWith(own);
        for (LoadedSegments.StreamRefs sr : refs) {
            sr.stream().loadRefs(sr.refs(), ours);
        }
        listener.loaded(key, segment, refs);
        return true;
    }
}
