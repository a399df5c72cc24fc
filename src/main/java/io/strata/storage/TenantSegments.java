package io.strata.storage;

import io.strata.model.Labels;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The index segments of one tenant in the object store, and the one way they are replaced:
 * mark obsolete chunks ({@link ChunkDeletionMarkers}), write the replacement segment (named for
 * the same writer, {@link SegmentName}), then delete the inputs. A crash between the steps leaves
 * duplicate refs (readers tolerate them; the next compaction merges them) or an orphaned marker
 * for chunks that are still expired (the next run drops them again before the marker is due).
 */
final class TenantSegments {
    private static final System.Logger LOG = System.getLogger(TenantSegments.class.getName());

    /** One segment object: its key, index period start (ns) and parsed name. */
    record SegmentFile(String key, long period, SegmentName name) {}

    /** What a pass does to one stream's refs in one segment. */
    interface StreamEdit {
        /**
         * @return the new refs of the stream (the same list instance when nothing changes); chunk
         *     keys that no longer need to exist go to {@code obsolete}
         */
        List<ChunkRef> apply(Labels labels, List<ChunkRef> refs, List<String> obsolete);
    }

    private final ObjectStore store;
    private final String tenant;

    TenantSegments(ObjectStore store, String tenant) {
        TenantIds.validate(tenant);
        this.store = store;
        this.tenant = tenant;
    }

    /** Every segment of the tenant, by period, then writer, then sequence. */
    List<SegmentFile> list() {
        String prefix = tenant + "/index/";
        List<SegmentFile> out = new ArrayList<>();
        for (String key : store.list(prefix)) {
            String rest = key.substring(prefix.length());
            int slash = rest.indexOf('/');
            if (slash < 1 || rest.indexOf('/', slash + 1) >= 0) {
                continue;
            }
            SegmentName name = SegmentName.parse(rest.substring(slash + 1));
            if (name == null) {
                continue;
            }
            try {
                out.add(new SegmentFile(key, Long.parseLong(rest.substring(0, slash)), name));
            } catch (NumberFormatException e) {
                // not a period directory
            }
        }
        out.sort(Comparator.comparingLong(SegmentFile::period).thenComparing(f -> f.name().writer())
                .thenComparingLong(f -> f.name().sequence()).thenComparingInt(f -> f.name().rewrite()));
        return out;
    }

    /** The decoded segment, or null when it vanished or is corrupt (logged; never deleted). */
    IndexSegment read(SegmentFile f) {
        byte[] b = store.get(f.key()).orElse(null);
        if (b == null) {
            return null;
        }
        try {
            return IndexSegment.decode(b);
        } catch (CorruptDataException e) {
            LOG.log(System.Logger.Level.WARNING, "compactor skips index segment {0}: {1}", f.key(), e.getMessage());
            return null;
        }
    }

    /**
     * Replaces {@code inputs} (one period, one writer) by one segment holding {@code streams}
     * (none when empty). {@code names} holds the file names present in the period and receives
     * the new one, so several replacements in one run never pick the same name.
     */
    void replace(long period, List<SegmentFile> inputs, Set<String> names, List<IndexSegment.StreamChunks> streams,
            List<String> obsoleteChunks, long markerDueMillis) {
        String writer = inputs.get(0).name().writer();
        long seq = 0;
        for (SegmentFile f : inputs) {
            if (!f.name().writer().equals(writer)) {
                throw new IllegalArgumentException("segments of different writers: " + inputs);
            }
            seq = Math.max(seq, f.name().sequence());
        }
        ChunkDeletionMarkers.mark(store, tenant, obsoleteChunks, markerDueMillis);
        if (!streams.isEmpty()) {
            int k = 1;
            for (String n : names) {
                SegmentName p = SegmentName.parse(n);
                if (p != null && p.writer().equals(writer) && p.sequence() == seq) {
                    k = Math.max(k, p.rewrite() + 1);
                }
            }
            SegmentName out = new SegmentName(writer, seq, k);
            names.add(out.fileName());
            store.put(tenant + "/index/" + period + "/" + out.fileName(),
                    new IndexSegment(tenant, period, streams).encode());
        }
        for (SegmentFile f : inputs) {
            store.delete(f.key());
        }
    }

    /** File names per period, for {@link #replace}. */
    static Set<String> namesIn(List<SegmentFile> files, long period) {
        Set<String> out = new HashSet<>();
        for (SegmentFile f : files) {
            if (f.period() == period) {
                out.add(f.name().fileName());
            }
        }
        return out;
    }

    /**
     * Applies {@code edit} to every stream of every segment (of the periods {@code periodFilter}
     * accepts) and replaces each segment that changed. Returns {refs dropped or replaced, segments rewritten}.
     */
    long[] editAll(java.util.function.LongPredicate periodFilter, StreamEdit edit, long markerDueMillis) {
        List<SegmentFile> files = list();
        java.util.Map<Long, Set<String>> names = new java.util.HashMap<>();
        long changedRefs = 0;
        long rewritten = 0;
        for (SegmentFile f : files) {
            if (!periodFilter.test(f.period())) {
                continue;
            }
            IndexSegment seg = read(f);
            if (seg == null) {
                continue;
            }
            List<String> obsolete = new ArrayList<>();
            List<IndexSegment.StreamChunks> out = new ArrayList<>(seg.streams().size());
            boolean changed = false;
            for (IndexSegment.StreamChunks sc : seg.streams()) {
                List<ChunkRef> next = edit.apply(sc.labels(), sc.chunks(), obsolete);
                if (next == sc.chunks()) {
                    out.add(sc);
                    continue;
                }
                changed = true;
                changedRefs += countChanged(sc.chunks(), next);
                if (!next.isEmpty()) {
                    out.add(new IndexSegment.StreamChunks(sc.labels(), next));
                }
            }
            if (changed) {
                Set<String> periodNames = names.computeIfAbsent(f.period(), p -> namesIn(files, p));
                replace(f.period(), List.of(f), periodNames, out, obsolete, markerDueMillis);
                rewritten++;
            }
        }
        return new long[] {changedRefs, rewritten};
    }

    private static long countChanged(List<ChunkRef> before, List<ChunkRef> after) {
        Set<ChunkRef> kept = new HashSet<>(after);
        long n = 0;
        for (ChunkRef r : before) {
            if (!kept.contains(r)) {
                n++;
            }
        }
        return n;
    }

    String tenant() {
        return tenant;
    }

    ObjectStore store() {
        return store;
    }
}
