package io.strata.query;

import io.strata.model.Labels;
import io.strata.model.Matcher;
import io.strata.model.StrataException;
import io.strata.storage.ChunkSummary;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Aggregates stream sizes into Loki's volume series: into the target labels (default: the label
 * names of the selector), or per label name ({@code aggregateBy=labels}); bytes come from the
 * streams' chunk summaries as Loki's index reports them. Not thread-safe; one per request.
 */
final class VolumeAggregation {
    private static final long SECOND = 1_000_000_000L;
    private final VolumeRequest request;
    private final Set<String> names;
    private final Map<Labels, TreeMap<Long, long[]>> buckets = new HashMap<>();

    VolumeAggregation(VolumeRequest request) {
        this.request = request;
        Set<String> n = new LinkedHashSet<>(request.targetLabels());
        if (n.isEmpty()) {
            for (Matcher m : request.matchers()) {
                n.add(m.name());
            }
        }
        this.names = n;
    }

    /** The series keys a stream contributes to (none when it has none of the labels). */
    List<Labels> keys(Labels stream) {
        List<Labels> keys = new ArrayList<>(1);
        if (names.isEmpty()) {
            // no target labels and no matchers ("{}"): Loki aggregates by every label of the stream
            if (request.byLabels()) {
                for (String name : stream.names()) {
                    keys.add(Labels.of(name, ""));
                }
            } else if (stream.size() > 0) {
                keys.add(stream);
            }
            return keys;
        }
        if (request.byLabels()) {
            for (String name : names) {
                if (stream.has(name)) {
                    keys.add(Labels.of(name, ""));
                }
            }
            return keys;
        }
        Labels.Builder b = Labels.builder();
        boolean any = false;
        for (String name : names) {
            String v = stream.get(name);
            if (v != null) {
                b.set(name, v);
                any = true;
            }
        }
        if (any) {
            keys.add(b.build());
        }
        return keys;
    }

    /**
     * Adds a stream's bytes, from its chunk summaries, to its keys: one window {@code [from, end]}
     * without a step, else one per step bucket (the point at {@code B} covers {@code (B − step, B]}),
     * each sized with Loki's index arithmetic ({@link IndexSizes}).
     */
    void add(List<Labels> keys, List<ChunkSummary> chunks) {
        if (keys.isEmpty() || chunks.isEmpty()) {
            return;
        }
        List<TreeMap<Long, long[]>> targets = new ArrayList<>(keys.size());
        for (Labels k : keys) {
            targets.add(buckets.computeIfAbsent(k, x -> new TreeMap<>()));
        }
        if (buckets.size() > VolumeRequest.MAX_SERIES) {
            throw StrataException.badRequest("the query hit the max number of series limit (limit: "
                    + VolumeRequest.MAX_SERIES + " series)");
        }
        long from = request.fromNanos();
        long end = request.throughNanos() == Long.MAX_VALUE ? Long.MAX_VALUE : request.throughNanos() - 1;
        long step = request.stepNanos();
        if (step <= 0) {
            // Loki's volume middleware sends the window to the index and ingesters in whole seconds
            long bytes = IndexSizes.volume(chunks, Math.floorDiv(from, SECOND) * SECOND,
                    end == Long.MAX_VALUE ? end : Math.floorDiv(end, SECOND) * SECOND);
            if (bytes >= 0) {
                add(targets, request.throughNanos(), bytes);
            }
            return;
        }
        long lo = Long.MAX_VALUE;
        long hi = Long.MIN_VALUE;
        for (ChunkSummary c : chunks) {
            lo = Math.min(lo, c.fromNanos());
            hi = Math.max(hi, c.throughNanos());
        }
        lo = Math.max(lo, from);
        hi = Math.min(hi, end);
        for (long bucket = ceil(lo, step); bucket <= ceil(hi, step); bucket += step) {
            long bytes = IndexSizes.volume(chunks, Math.max(from, bucket - step), Math.min(end, bucket));
            if (bytes >= 0) {
                add(targets, bucket, bytes);
            }
        }
    }

    private static long ceil(long t, long step) {
        return -Math.floorDiv(-t, step) * step;
    }

    private static void add(List<TreeMap<Long, long[]>> targets, long bucket, long bytes) {
        for (TreeMap<Long, long[]> t : targets) {
            t.computeIfAbsent(bucket, b -> new long[1])[0] += bytes;
        }
    }

    VolumeResult result() {
        List<VolumeResult.Series> out = new ArrayList<>(buckets.size());
        buckets.forEach((labels, points) -> {
            long total = 0;
            List<VolumeResult.Point> list = new ArrayList<>(points.size());
            for (var e : points.entrySet()) {
                total += e.getValue()[0];
                list.add(new VolumeResult.Point(e.getKey(), e.getValue()[0]));
            }
            if (request.stepNanos() <= 0) {
                list = List.of(new VolumeResult.Point(request.throughNanos(), total));
            }
            out.add(new VolumeResult.Series(labels, total, list));
        });
        out.sort(Comparator.comparingLong(VolumeResult.Series::totalBytes).reversed()
                .thenComparing(VolumeResult.Series::labels));
        int limit = request.limit() <= 0 ? 100 : request.limit();
        return new VolumeResult(out.size() > limit ? out.subList(0, limit) : out);
    }
}
