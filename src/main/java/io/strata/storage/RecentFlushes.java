package io.strata.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When this process flushed each of its recent chunks (wall clock, memory only): the
 * {@link Storage#recentReader recent view} serves a flushed chunk until readers of the object store
 * have had time to sync the index segment naming it. Entries older than the longest retain period
 * asked for are pruned after each flush round. Thread-safe.
 */
final class RecentFlushes {
    /** A ref and the wall-clock millis its index segment became durable. */
    record Flush(ChunkRef ref, long atMillis) {}

    private final ConcurrentHashMap<StoredStream, List<Flush>> byStream = new ConcurrentHashMap<>();
    private volatile long keepMillis;

    RecentFlushes(long keepMillis) {
        this.keepMillis = keepMillis;
    }

    /** Remembers to keep flushes at least {@code millis} (the longest retain any caller asked for). */
    void keepAtLeast(long millis) {
        if (millis > keepMillis) {
            keepMillis = millis;
        }
    }

    void add(StoredStream s, ChunkRef ref, long atMillis) {
        byStream.compute(s, (k, list) -> {
            List<Flush> out = list == null ? new ArrayList<>(2) : new ArrayList<>(list);
            out.add(new Flush(ref, atMillis));
            return List.copyOf(out);
        });
    }

    /** Refs of the stream flushed at or after {@code sinceMillis}. */
    List<ChunkRef> since(StoredStream s, long sinceMillis) {
        List<Flush> list = byStream.get(s);
        if (list == null) {
            return List.of();
        }
        List<ChunkRef> out = new ArrayList<>(list.size());
        for (Flush f : list) {
            if (f.atMillis() >= sinceMillis) {
                out.add(f.ref());
            }
        }
        return out;
    }

    /** Whether a ref of the stream flushed at or after {@code sinceMillis} overlaps {@code [from, through)}. */
    boolean hasIn(StoredStream s, long sinceMillis, long from, long through) {
        List<Flush> list = byStream.get(s);
        if (list != null) {
            for (Flush f : list) {
                if (f.atMillis() >= sinceMillis && f.ref().overlaps(from, through)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Drops flushes older than the keep period. */
    void prune(long nowMillis) {
        long bound = nowMillis - keepMillis;
        for (StoredStream s : byStream.keySet()) {
            byStream.computeIfPresent(s, (k, list) -> {
                List<Flush> kept = new ArrayList<>(list.size());
                for (Flush f : list) {
                    if (f.atMillis() >= bound) {
                        kept.add(f);
                    }
                }
                return kept.isEmpty() ? null : kept.size() == list.size() ? list : List.copyOf(kept);
            });
        }
    }
}
