package io.strata.storage;

import io.strata.model.Labels;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Merges the small index segments of one tenant into fewer segments, per (period, writer id):
 * a writer trusts for WAL replay only the refs of segments named {@code <its id>-*}, so segments
 * of different writers are never merged together. A group is merged when it has at least two
 * segments and its period ended more than {@code settle} ago; in a live period the segments written
 * by flushes are merged once there are {@code liveThreshold} of them (earlier merged segments are
 * left alone until the period settles, so nothing is rewritten over and over). The merged
 * segment holds every ref of the inputs once (duplicates left by a crash are dropped), is written
 * first, and the inputs are deleted after it: idempotent and crash-safe. Stateless.
 */
public final class IndexCompactor {
    /** Defaults: a period is settled one hour after it ended; a live period is merged at 16 segments. */
    public static final Duration SETTLE = Duration.ofHours(1);
    public static final int LIVE_THRESHOLD = 16;

    /** What one run did: segments read and merged away, segments written. */
    public record Result(int inputs, int outputs) {
        public Result plus(Result o) {
            return new Result(inputs + o.inputs, outputs + o.outputs);
        }
    }

    private final Duration indexPeriod;
    private final Duration settle;
    private final int liveThreshold;

    public IndexCompactor(Duration indexPeriod, Duration settle, int liveThreshold) {
        if (indexPeriod.isZero() || indexPeriod.isNegative() || liveThreshold < 2) {
            throw new IllegalArgumentException("bad compaction options");
        }
        this.indexPeriod = indexPeriod;
        this.settle = settle;
        this.liveThreshold = liveThreshold;
    }

    /** Compacts the tenant's segments; {@code nowNanos} decides which periods are settled. */
    public Result compact(ObjectStore store, String tenant, long nowNanos) {
        TenantSegments segments = new TenantSegments(store, tenant);
        List<TenantSegments.SegmentFile> files = segments.list();
        Map<String, List<TenantSegments.SegmentFile>> groups = new LinkedHashMap<>();
        for (TenantSegments.SegmentFile f : files) {
            groups.computeIfAbsent(f.period() + "/" + f.name().writer(), k -> new ArrayList<>()).add(f);
        }
        Result total = new Result(0, 0);
        Map<Long, Set<String>> names = new java.util.HashMap<>();
        for (List<TenantSegments.SegmentFile> group : groups.values()) {
            long period = group.get(0).period();
            boolean settled = period + indexPeriod.toNanos() + settle.toNanos() <= nowNanos;
            List<TenantSegments.SegmentFile> inputs = group;
            if (!settled) {
                // live period: merge only flush segments, so a growing merged segment is not
                // rewritten again and again; the settled period is merged whole once
                inputs = group.stream().filter(f -> f.name().rewrite() == 0).toList();
                if (inputs.size() < liveThreshold) {
                    continue;
                }
            }
            if (inputs.size() < 2) {
                continue;
            }
            total = total.plus(merge(segments, period, inputs,
                    names.computeIfAbsent(period, p -> TenantSegments.namesIn(files, p))));
        }
        return total;
    }

    private static Result merge(TenantSegments segments, long period, List<TenantSegments.SegmentFile> group,
            Set<String> names) {
        Map<Labels, LinkedHashSet<ChunkRef>> streams = new LinkedHashMap<>();
        List<TenantSegments.SegmentFile> inputs = new ArrayList<>(group.size());
        for (TenantSegments.SegmentFile f : group) {
            IndexSegment seg = segments.read(f);
            if (seg == null) {
                continue; // vanished or corrupt: left alone
            }
            inputs.add(f);
            for (IndexSegment.StreamChunks sc : seg.streams()) {
                streams.computeIfAbsent(sc.labels(), l -> new LinkedHashSet<>()).addAll(sc.chunks());
            }
        }
        if (inputs.size() < 2) {
            return new Result(0, 0);
        }
        List<IndexSegment.StreamChunks> out = new ArrayList<>(streams.size());
        streams.forEach((labels, refs) -> {
            List<ChunkRef> sorted = new ArrayList<>(refs);
            sorted.sort(Comparator.comparingLong(ChunkRef::from).thenComparingLong(ChunkRef::minSeq));
            out.add(new IndexSegment.StreamChunks(labels, sorted));
        });
        segments.replace(period, inputs, names, out, List.of(), 0);
        return new Result(inputs.size(), out.isEmpty() ? 0 : 1);
    }
}
