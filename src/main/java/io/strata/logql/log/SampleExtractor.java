package io.strata.logql.log;

import io.strata.model.Labels;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns log entries into samples for a range aggregation: runs a {@link Pipeline}, then takes
 * the value (1 per entry, the line length in bytes, or an unwrapped label converted with a
 * {@link Conversion}), runs the post-unwrap label filters, and applies the grouping of the range
 * aggregation to the result labels.
 *
 * <p>Unwrap rules (Loki's): a missing or empty label gives no sample; a conversion failure gives
 * value 0 with {@code __error__="SampleExtractionErr"} and the Go error text as details; the
 * unwrapped label is removed from the labels unless grouping {@code by (...)} is used. An errored
 * sample keeps its full label set (grouping is not applied), so the engine can report it.
 *
 * <p>Per-stream extractors are cached by label set. Not thread-safe, like {@link Pipeline}.
 */
public final class SampleExtractor {
    public static final String SAMPLE_EXTRACTION_ERR = "SampleExtractionErr";

    /** What a sample's value is. */
    public enum Kind { COUNT, BYTES, UNWRAP }

    private final Pipeline pipeline;
    private final Kind kind;
    private final String unwrapLabel;
    private final Conversion conversion;
    private final Stage[] postFilters;
    private final List<String> groups;
    private final boolean without;
    private final boolean noLabels;
    private final Map<Labels, StreamSampleExtractor> streams = new HashMap<>();

    /**
     * @param groups     grouping labels of the range aggregation, or null for none
     * @param without    whether {@code groups} is a {@code without} list
     * @param noLabels   whether the caller needs no labels at all (result labels are empty)
     */
    public SampleExtractor(Pipeline pipeline, Kind kind, String unwrapLabel, Conversion conversion,
            List<Stage> postFilters, List<String> groups, boolean without, boolean noLabels) {
        this.pipeline = pipeline;
        this.kind = kind;
        this.unwrapLabel = unwrapLabel;
        this.conversion = conversion == null ? Conversion.FLOAT : conversion;
        this.postFilters = postFilters == null ? new Stage[0] : postFilters.toArray(new Stage[0]);
        if (kind == Kind.UNWRAP && unwrapLabel == null) {
            throw new IllegalArgumentException("unwrap needs a label");
        }
        boolean w = without;
        List<String> g = groups;
        if (kind == Kind.UNWRAP && (g == null || g.isEmpty() || w)) {
            w = true;
            java.util.ArrayList<String> l = new java.util.ArrayList<>(g == null ? List.of() : g);
            l.add(unwrapLabel);
            g = l;
        }
        this.groups = g == null ? List.of() : List.copyOf(g);
        this.without = w;
        this.noLabels = noLabels;
    }

    /** Counting extractor (count_over_time, rate) without grouping. */
    public static SampleExtractor count(Pipeline pipeline) {
        return new SampleExtractor(pipeline, Kind.COUNT, null, null, null, null, false, false);
    }

    /** Byte-counting extractor (bytes_over_time, bytes_rate) without grouping. */
    public static SampleExtractor bytes(Pipeline pipeline) {
        return new SampleExtractor(pipeline, Kind.BYTES, null, null, null, null, false, false);
    }

    public static SampleExtractor unwrap(Pipeline pipeline, String label, Conversion conversion, List<Stage> postFilters) {
        return new SampleExtractor(pipeline, Kind.UNWRAP, label, conversion, postFilters, null, false, false);
    }

    public StreamSampleExtractor forStream(Labels streamLabels) {
        StreamSampleExtractor s = streams.get(streamLabels);
        if (s == null) {
            s = new StreamSampleExtractor(this, pipeline.forStream(streamLabels));
            streams.put(streamLabels, s);
        }
        return s;
    }

    Kind kind() {
        return kind;
    }

    String unwrapLabel() {
        return unwrapLabel;
    }

    Conversion conversion() {
        return conversion;
    }

    Stage[] postFilters() {
        return postFilters;
    }

    List<String> groups() {
        return groups;
    }

    boolean without() {
        return without;
    }

    boolean noLabels() {
        return noLabels;
    }
}
