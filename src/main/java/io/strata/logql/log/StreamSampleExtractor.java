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
    private double value;
    private Labels labels;

    StreamSampleExtractor(SampleExtractor owner, StreamPipeline pipeline) {
        this.owner = owner;
        this.pipeline = pipeline;
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
        Labels all = b.labels();
        if (b.hasError()) {
            return all;
        }
        if (owner.noLabels()) {
            return Labels.EMPTY;
        }
        if (owner.groups().isEmpty()) {
            return all;
        }
        Labels g = groupedCache.get(all);
        if (g == null) {
            Labels.Builder lb;
            if (owner.without()) {
                lb = all.toBuilder();
                for (String n : owner.groups()) {
                    lb.remove(n);
                }
            } else {
                lb = Labels.builder();
                for (String n : owner.groups()) {
                    String v = all.get(n);
                    if (v != null && !v.isEmpty()) {
                        lb.set(n, v);
                    }
                }
            }
            g = lb.build();
            if (groupedCache.size() > 4096) {
                groupedCache.clear();
            }
            groupedCache.put(all, g);
        }
        return g;
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
