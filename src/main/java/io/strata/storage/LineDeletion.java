package io.strata.storage;

import io.strata.model.Labels;
import io.strata.model.Matcher;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Processes one delete request of a tenant in the store: every chunk of a stream that matches
 * the selector and overlaps {@code [startNanos, endNanos]} (inclusive, as Loki) is rewritten
 * without the entries in that range that the request's line filters select ({@link ChunkRewriter});
 * the index segments holding the old refs are rewritten to hold the new ones (or none when a chunk
 * lost every entry), and the old chunk objects are marked for deletion. New chunk objects are
 * written before any index change, so a crash leaves at worst unreferenced objects. Stateless.
 */
public final class LineDeletion {
    /** The per-stream line filter of a request: null deletes every entry of the stream in range. */
    public interface FilterFactory {
        ChunkRewriter.EntryFilter forStream(Labels streamLabels);
    }

    /** What one request did: entries deleted, chunks rewritten or dropped, segments rewritten. */
    public record Result(long entriesDeleted, long chunksChanged, long segmentsRewritten) {}

    /** How far past its period's end a chunk may reach (chunks are cut at max_age, 2h by default). */
    private static final long CHUNK_SPAN_MARGIN = java.time.Duration.ofDays(7).toNanos();

    private LineDeletion() {}

    public static Result apply(ObjectStore store, String tenant, List<Matcher> matchers, long startNanos,
            long endNanos, FilterFactory filters, ChunkRewriter rewriter, long markerDueMillis) {
        return apply(store, tenant, matchers, startNanos, endNanos, filters, rewriter, markerDueMillis, Long.MAX_VALUE / 4);
    }

    /**
     * As {@link #apply(ObjectStore, String, List, long, long, FilterFactory, ChunkRewriter, long)}, reading
     * only the index periods (of length {@code indexPeriodNanos}) that can hold chunks in the range.
     */
    public static Result apply(ObjectStore store, String tenant, List<Matcher> matchers, long startNanos,
            long endNanos, FilterFactory filters, ChunkRewriter rewriter, long markerDueMillis, long indexPeriodNanos) {
        TenantSegments segments = new TenantSegments(store, tenant);
        java.util.function.LongPredicate periods = period -> period <= endNanos
                && (startNanos - period) - indexPeriodNanos <= CHUNK_SPAN_MARGIN;
        Map<String, ChunkRewriter.Rewrite> done = new HashMap<>();
        long[] deleted = {0};
        long[] r = segments.editAll(periods, (labels, refs, obsolete) -> {
            if (!labels.matches(matchers)) {
                return refs;
            }
            ChunkRewriter.EntryFilter lines = null;
            boolean linesBuilt = false;
            List<ChunkRef> next = null;
            for (int i = 0; i < refs.size(); i++) {
                ChunkRef ref = refs.get(i);
                ChunkRewriter.Rewrite rw = null;
                if (ref.through() >= startNanos && ref.from() <= endNanos) {
                    String key = ref.key(tenant, labels.fingerprint());
                    rw = done.get(key);
                    if (rw == null) {
                        if (!linesBuilt) {
                            lines = filters.forStream(labels);
                            linesBuilt = true;
                        }
                        ChunkRewriter.EntryFilter f = lines;
                        rw = rewriter.rewrite(store, tenant, labels, ref, (t, buf, off, len, md) ->
                                t >= startNanos && t <= endNanos && (f == null || f.deletes(t, buf, off, len, md)));
                        done.put(key, rw);
                        deleted[0] += rw.deleted();
                    }
                }
                boolean changed = rw != null && rw.ref() != ref;
                if (changed && next == null) {
                    next = new ArrayList<>(refs.subList(0, i));
                }
                if (changed) {
                    obsolete.add(ref.key(tenant, labels.fingerprint()));
                    if (rw.ref() != null) {
                        next.add(rw.ref());
                    }
                } else if (next != null) {
                    next.add(ref);
                }
            }
            return next == null ? refs : next;
        }, markerDueMillis);
        return new Result(deleted[0], r[0], r[1]);
    }
}
