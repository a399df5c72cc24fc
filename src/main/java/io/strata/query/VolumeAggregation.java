package io.strata.query;

import io.strata.model.Labels;
import io.strata.model.Matcher;
import io.strata.model.StrataException;
import io.strata.storage.ChunkSummary;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Aggregates stream sizes into Loki's volume series: into the target labels (default: the label
 * names of the selector), or per label name ({@code aggregateBy=labels}); bytes come from the
 * streams' chunk summaries as Loki's index reports them. Not thread-safe; one per request.
 */
final class VolumeAggregation {
    private final VolumeRequest request;
    private final Set<String> names;
    private final VolumeBuckets windows;
    private final Map<Labels, long[]>[] perBucket;

    VolumeAggregation(VolumeRequest request) {
        this.request = request;
        Set<String> n = new LinkedHashSet<>(request.targetLabels());
        if (n.isEmpty()) {
            for (Matcher m : request.matchers()) {
                n.add(m.name());
            }
        }
        this.names = n;
        this.windows = VolumeBuckets.of(request);
        @SuppressWarnings("unchecked")
        Map<Labels, long[]>[] maps = new Map[windows.size()];
        this.perBucket = maps;
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
     * Adds a stream's bytes, from its chunk summaries, to its keys in every sub-request window it
     * can touch (see {@link VolumeBuckets}), each sized with Loki's index arithmetic ({@link IndexSizes}).
     */
    void add(List<Labels> keys, List<ChunkSummary> chunks) {
        if (keys.isEmpty() || chunks.isEmpty()) {
            return;
        }
        long lo = Long.MAX_VALUE;
        long hi = Long.MIN_VALUE;
        for (ChunkSummary c : chunks) {
            lo = Math.min(lo, c.fromNanos());
            hi = Math.max(hi, c.throughNanos());
        }
        int last = windows.lastTouching(hi);
        for (int i = windows.firstTouching(lo); i <= last; i++) {
            long bytes = IndexSizes.volume(chunks, windows.fromNanos(i), windows.throughNanos(i));
            if (bytes < 0) {
                continue;
            }
            Map<Labels, long[]> bucket = perBucket[i];
            if (bucket == null) {
                bucket = perBucket[i] = new HashMap<>();
            }
            for (Labels k : keys) {
                bucket.computeIfAbsent(k, x -> new long[1])[0] += bytes;
            }
            if (bucket.size() > VolumeRequest.MAX_SERIES) {
                throw StrataException.badRequest("the query hit the max number of series limit (limit: "
                        + VolumeRequest.MAX_SERIES + " series)");
            }
        }
    }

    /**
     * Loki's merge of the per-bucket answers: each bucket keeps its top {@code limit} names (bytes
     * descending, then name), its values become points at the bucket's timestamp, and the series
     * are ordered by their first point (descending, then name). No overall limit.
     */
    VolumeResult result() {
        int limit = request.limit() <= 0 ? 100 : request.limit();
        Map<Labels, List<VolumeResult.Point>> series = new LinkedHashMap<>();
        Map<Labels, String> names = new HashMap<>();
        for (int i = 0; i < perBucket.length; i++) {
            Map<Labels, long[]> bucket = perBucket[i];
            if (bucket == null) {
                continue;
            }
            List<Map.Entry<Labels, long[]>> top = new ArrayList<>(bucket.entrySet());
            top.sort(Comparator.<Map.Entry<Labels, long[]>>comparingLong(e -> -e.getValue()[0])
                    .thenComparing(e -> names.computeIfAbsent(e.getKey(), this::name)));
            for (Map.Entry<Labels, long[]> e : top.subList(0, Math.min(limit, top.size()))) {
                series.computeIfAbsent(e.getKey(), k -> new ArrayList<>(2))
                        .add(new VolumeResult.Point(windows.stampNanos(i), e.getValue()[0]));
            }
        }
        List<VolumeResult.Series> out = new ArrayList<>(series.size());
        series.forEach((labels, points) -> {
            long total = 0;
            for (VolumeResult.Point p : points) {
                total += p.bytes();
            }
            out.add(new VolumeResult.Series(labels, total, points));
        });
        out.sort(Comparator.<VolumeResult.Series>comparingLong(s -> -s.points().get(0).bytes())
                .thenComparing(s -> names.computeIfAbsent(s.labels(), this::name)));
        return new VolumeResult(out);
    }

    /** The name Loki's accumulators key a series by: the label name, or the rendered label set. */
    private String name(Labels key) {
        return request.byLabels() && key.size() == 1 ? key.names().get(0) : key.toString();
    }
}
