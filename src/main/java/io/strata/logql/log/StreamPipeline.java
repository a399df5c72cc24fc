package io.strata.logql.log;

import io.strata.model.Labels;

/**
 * The pipeline bound to one stream: runs the stages over one entry at a time and exposes the
 * surviving line and labels until the next call. Owned by its {@link Pipeline}; not thread-safe.
 */
public final class StreamPipeline {
    private final Stage[] stages;
    private final LabelsBuilder builder;
    private final Line line = new Line();

    StreamPipeline(Stage[] stages, Labels streamLabels) {
        this.stages = stages;
        this.builder = new LabelsBuilder(streamLabels);
    }

    /**
     * Runs the entry through the pipeline. Returns false when a stage dropped it; otherwise
     * {@link #line()} and {@link #labels()} describe the result. The bytes are not copied, and
     * parsed label values may still point into them (decoded lazily): read {@link #line()} and
     * {@link #labels()} before the buffer is reused (e.g. before the iterator's next()).
     */
    public boolean process(long timestampNanos, byte[] buffer, int offset, int length, Labels metadata) {
        line.set(buffer, offset, length);
        return run(timestampNanos, metadata);
    }

    public boolean process(long timestampNanos, String text, Labels metadata) {
        line.set(text);
        return run(timestampNanos, metadata);
    }

    private boolean run(long ts, Labels metadata) {
        builder.reset(metadata == null ? Labels.EMPTY : metadata);
        for (Stage s : stages) {
            if (!s.process(ts, line, builder)) {
                return false;
            }
        }
        return true;
    }

    /** The line after the last call to process (valid until the next call). */
    public Line line() {
        return line;
    }

    /** The final labels of the last processed entry (cached by content). */
    public Labels labels() {
        return builder.labels();
    }

    public CategorizedLabels categorizedLabels() {
        return builder.categorized();
    }

    public LabelsBuilder builder() {
        return builder;
    }

    public Labels streamLabels() {
        return builder.streamLabels();
    }
}
