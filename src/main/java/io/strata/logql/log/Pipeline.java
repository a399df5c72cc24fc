package io.strata.logql.log;

import io.strata.model.Labels;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A log pipeline: an ordered list of {@link Stage}s, applied left to right. Per-stream state (the
 * {@link LabelsBuilder} and its result cache) lives in a {@link StreamPipeline}, cached here by
 * stream label set: {@link #forStream} returns the same instance for equal labels.
 *
 * <p>Not thread-safe (stages keep scratch state): build one pipeline per worker thread. The
 * stages are taken as given; reordering (hoisting line filters) is the planner's job.
 */
public final class Pipeline {
    private final List<Stage> stages;
    private final Stage[] array;
    private final Map<Labels, StreamPipeline> streams = new HashMap<>();

    public Pipeline(List<Stage> stages) {
        this.stages = List.copyOf(stages);
        this.array = this.stages.toArray(new Stage[0]);
    }

    /** A pipeline that keeps every entry unchanged. */
    public static Pipeline identity() {
        return new Pipeline(List.of());
    }

    public List<Stage> stages() {
        return stages;
    }

    public boolean isIdentity() {
        return array.length == 0;
    }

    /**
     * Substrings every line kept by this pipeline must contain in the <em>stored</em> line
     * (for {@code io.strata.storage.ScanHints}): those of line filters that run before any stage
     * that can rewrite the line ({@code line_format}, {@code decolorize}, {@code unpack}).
     */
    public List<String> requiredSubstrings() {
        java.util.ArrayList<String> out = new java.util.ArrayList<>();
        for (Stage s : array) {
            if (s instanceof LineFormatStage || s instanceof DecolorizeStage || s instanceof UnpackStage) {
                break;
            }
            if (s instanceof LineFilterStage f) {
                out.addAll(f.requiredSubstrings());
            }
        }
        return List.copyOf(out);
    }

    public StreamPipeline forStream(Labels streamLabels) {
        StreamPipeline p = streams.get(streamLabels);
        if (p == null) {
            p = new StreamPipeline(array, streamLabels);
            streams.put(streamLabels, p);
        }
        return p;
    }
}
