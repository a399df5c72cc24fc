package io.strata.query;

import io.strata.model.Labels;
import java.util.List;

/**
 * Volume series as Loki's volume middleware returns them: ordered by their first point's bytes,
 * descending (ties by name). For {@code volume} each series has one point; for
 * {@code volume_range} one point per step bucket in whose top {@code limit} it was, ascending.
 */
public record VolumeResult(List<Series> series) {
    public VolumeResult {
        series = List.copyOf(series);
    }

    /** Loki answers a {@code matrix} when some series has more than one point, else a {@code vector}. */
    public boolean matrix() {
        for (Series s : series) {
            if (s.points().size() > 1) {
                return true;
            }
        }
        return false;
    }

    public record Series(Labels labels, long totalBytes, List<Point> points) {
        public Series {
            points = List.copyOf(points);
        }
    }

    /** {@code timestampNanos}: the bucket's end (1 ms before the next step boundary, or the request end). */
    public record Point(long timestampNanos, long bytes) {}
}
