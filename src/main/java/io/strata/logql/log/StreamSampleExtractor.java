package io.strata.logql.log;

import io.strata.model.Labels;
import java.util.HashMap;
import java.util.Map;

/**
 * A {@link SampleExtractor} bound to one stream. After {@link #process} returned true,
 * {@link #value()} and {@link #labels()} describe the sample. Not thread-safe.
 */
public final class StreamSampleExtractor {
    private final SampleExtractor owner;
    private final StreamPipeline pipeline;
    private final Map<Labels, Labels> groupedCache = new HashMap<>();
    private final Map<Long, Labels> byCache = new HashMap<>();
    private final String[] values;
    private double value;
    private Labels labels;

    StreamSampleExtractor(SampleExtractor owner, StreamPipeline pipeline) {
        this.owner = owner;
        this.pipeline = pipeline;
        this.values = new String[owner.groups().size()];
    }

    public boolean process(long timestampNanos, byte[] buffer, int offset, int length, Labels metadata) {
        if (!pipeline.process(timestampNanos, buffer, offset, length, metadata)) {
            return false;
        }
        return extract(timestampNanos);
    }

    public boolean process(long timestampNanos, String line, Labels metadata) {
        if (!pipeline.process(timestampNanos, line, metadata)) {
            return false;
        }
        return extract(timestampNanos);
    }

    private boolean extract(long ts) {
        LabelsBuilder b = pipeline.builder();
        Line line = pipeline.line();
        switch (owner.kind()) {
            case COUNT -> value = 1;
            case BYTES -> value = line.length();
            case UNWRAP -> {
                String s = b.get(owner.unwrapLabel());
                if (s == null || s.isEmpty()) {
                    return false;
                }
                try {
                    value = owner.conversion().convert(s);
                } catch (NumberFormatException e) {
                    value = 0;
                    b.setError(SampleExtractor.SAMPLE_EXTRACTION_ERR, e.getMessage());
                }
                for (Stage f : owner.postFilters()) {
                    if (!f.process(ts, line, b)) {
                        return false;
                    }
                }
            }
        }
        labels = grouped(b);
        return true;
    }

    private Labels grouped(LabelsBuilder b) {
        if (b.hasError()) {
            return b.labels();
        }
        if (owner.noLabels()) {
            return Labels.EMPTY;
        }
        if (owner.groups().isEmpty()) {
            return b.labels();
        }
        if (!owner.without()) {
            return groupedBy(b);
        }
        Labels all = b.labels();
        Labels g = groupedCache.get(all);
        if (g == null) {
            Labels.Builder lb = all.toBuilder();
            for (String n : owner.groups()) {
                lb.remove(n);
            }
            g = lb.build();
            if (groupedCache.size() > 4096) {
                groupedCache.clear();
            }
            groupedCache.put(all, g);
        }
        return g;
    }

    /** {@code by (...)}: reads only the grouped labels (no full label set is built). */
    private Labels groupedBy(LabelsBuilder b) {
        java.util.List<String> names = owner.groups();
        long h = 17;
        for (int i = 0; i < names.size(); i++) {
            String v = b.get(names.get(i));
            if (v == null || v.isEmpty()) {
                v = "";
            }
            values[i] = v;
            h = h * 0x100000001b3L + v.hashCode() + i;
        }
        Labels cached = byCache.get(h);
        if (cached != null && sameValues(cached, names)) {
            return cached;
        }
        Labels.Builder lb = Labels.builder();
        for (int i = 0; i < names.size(); i++) {
            if (!values[i].isEmpty()) {
                lb.set(names.get(i), values[i]);
            }
        }
        Labels g = lb.build();
        if (byCache.size() > 4096) {
            byCache.clear();
        }
        byCache.put(h, g);
        return g;
    }

    private boolean sameValues(Labels l, java.util.List<String> names) {
        int present = 0;
        for (int i = 0; i < names.size(); i++) {
            String have = l.get(names.get(i));
            if (values[i].isEmpty() ? have != null : !values[i].equals(have)) {
                return false;
            }
            if (have != null) {
                present++;
            }
        }
        return present == l.size();
    }

    public double value() {
        return value;
    }

    /** Labels of the last sample (grouping applied; full set when it carries an error). */
    public Labels labels() {
        return labels;
    }

    /** The line after the pipeline, for the last processed entry. */
    public Line line() {
        return pipeline.line();
    }

    public StreamPipeline pipeline() {
        return pipeline;
    }
}
