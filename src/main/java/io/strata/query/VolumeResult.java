package io.strata.query;

import io.strata.model.Labels;
import java.util.List;

/**
 * Volume series sorted by total bytes, descending (ties by labels). For {@code volume} each series
 * has one point; for {@code volume_range} one point per step that saw data, ascending.
 */
public record VolumeResult(List<Series> series) {
    public VolumeResult {
        series = List.copyOf(series);
    }

    public record Series(Labels labels, long totalBytes, List<Point> points) {
        public Series {
            points = List.copyOf(points);
        }
    }

    /** {@code timestampNanos} is the end of the step (or of the range for {@code volume}). */
    public record Point(long timestampNanos, long bytes) {}
}
