package io.strata.query;

import io.strata.model.EntryIterator;
import io.strata.model.Labels;
import io.strata.model.Matcher;
import io.strata.model.StrataException;
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
 * names of the selector), or per label name ({@code aggregateBy=labels}); bytes are line bytes
 * plus structured metadata bytes. Not thread-safe; one per request.
 */
final class VolumeAggregation {
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

    /** Reads a stream's entries and adds their bytes to its keys. */
    void add(List<Labels> keys, EntryIterator it, Runnable check) {
        if (keys.isEmpty()) {
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
        long step = request.stepNanos();
        long currentBucket = Long.MIN_VALUE;
        long pending = 0;
        int n = 0;
        while (it.next()) {
            if ((++n & 4095) == 0) {
                check.run();
            }
            long ts = it.timestamp();
            long bucket = step <= 0 ? request.throughNanos() : -Math.floorDiv(-ts, step) * step;
            if (bucket != currentBucket) {
                flush(targets, currentBucket, pending);
                currentBucket = bucket;
                pending = 0;
            }
            pending += it.lineLength() + metadataBytes(it.metadata());
        }
        flush(targets, currentBucket, pending);
    }

    private static void flush(List<TreeMap<Long, long[]>> targets, long bucket, long bytes) {
        if (bytes == 0 && bucket == Long.MIN_VALUE) {
            return;
        }
        for (TreeMap<Long, long[]> t : targets) {
            t.computeIfAbsent(bucket, b -> new long[1])[0] += bytes;
        }
    }

    static long metadataBytes(Labels metadata) {
        long n = 0;
        for (int i = 0; i < metadata.size(); i++) {
            n += metadata.name(i).length() + metadata.value(i).length();
        }
        return n;
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
