package io.strata.storage;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which index segments of the object store this process has loaded, and how many loaded segments
 * hold each chunk ref of each stream. A ref is forgotten only when no loaded segment holds it any
 * more (compaction puts the rewritten segment before deleting the old ones). The flusher
 * {@linkplain #reserve reserves} the key of a segment it is about to put, so a concurrent sync
 * never loads this process's own flush before the flusher has published it. Thread-safe.
 */
final class LoadedSegments {
    /** The refs of one stream in one segment. */
    record StreamRefs(StoredStream stream, List<ChunkRef> refs) {}

    private final Map<String, List<StreamRefs>> loaded = new HashMap<>();
    private final Set<String> reserved = new HashSet<>();
    private final Map<StoredStream, Map<ChunkRef, Integer>> holders = new IdentityHashMap<>();

    synchronized Set<String> keys() {
        return new HashSet<>(loaded.keySet());
    }

    synchronized boolean isKnown(String key) {
        return loaded.containsKey(key) || reserved.contains(key);
    }

    synchronized int size() {
        return loaded.size();
    }

    /** Marks a key the flusher is about to put; a sync skips it until {@link #register} or {@link #release}. */
    synchronized void reserve(String key) {
        reserved.add(key);
    }

    synchronized void release(String key) {
        reserved.remove(key);
    }

    /**
     * Records a loaded segment and counts its refs; false (and nothing counted) when the key was
     * already loaded. The caller then adds the refs to the streams.
     */
    synchronized boolean register(String key, List<StreamRefs> refs) {
        reserved.remove(key);
        if (loaded.containsKey(key)) {
            return false;
        }
        loaded.put(key, List.copyOf(refs));
        for (StreamRefs sr : refs) {
            Map<ChunkRef, Integer> counts = holders.computeIfAbsent(sr.stream(), s -> new HashMap<>());
            for (ChunkRef r : sr.refs()) {
                counts.merge(r, 1, Integer::sum);
            }
        }
        return true;
    }

    /**
     * Forgets a segment and drops from their streams the refs no other loaded segment holds
     * (under this lock, so a flush registering the same ref concurrently is never undone);
     * returns those refs per stream. Lock order: this, then a stream's monitor.
     */
    synchronized Map<StoredStream, List<ChunkRef>> forget(String key) {
        List<StreamRefs> refs = loaded.remove(key);
        if (refs == null) {
            return Map.of();
        }
        Map<StoredStream, List<ChunkRef>> orphans = new IdentityHashMap<>();
        for (StreamRefs sr : refs) {
            Map<ChunkRef, Integer> counts = holders.get(sr.stream());
            if (counts == null) {
                continue;
            }
            for (ChunkRef r : sr.refs()) {
                Integer left = counts.computeIfPresent(r, (k, n) -> n > 1 ? n - 1 : null);
                if (left == null) {
                    orphans.computeIfAbsent(sr.stream(), s -> new ArrayList<>()).add(r);
                }
            }
            if (counts.isEmpty()) {
                holders.remove(sr.stream());
            }
        }
        orphans.forEach(StoredStream::removeRefs);
        return orphans;
    }
}
