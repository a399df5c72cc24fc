package io.strata.query;

import io.strata.model.Matcher;
import java.util.List;

/**
 * One {@code index/volume} or {@code index/volume_range} request (API.md §2.8).
 *
 * @param matchers       the stream selector
 * @param fromNanos      inclusive start
 * @param throughNanos   exclusive end
 * @param stepNanos      0 for {@code volume} (one value per series), else the step of {@code volume_range}
 * @param limit          top-N series by bytes
 * @param targetLabels   labels to aggregate into; empty = the label names of the selector
 * @param byLabels       {@code aggregateBy=labels}: one series per label name with an empty value
 */
public record VolumeRequest(List<Matcher> matchers, long fromNanos, long throughNanos, long stepNanos, int limit,
        List<String> targetLabels, boolean byLabels) {
    /** Loki's {@code volume_max_series}: more distinct aggregated series than this fail the request. */
    public static final int MAX_SERIES = 1000;

    public VolumeRequest {
        matchers = List.copyOf(matchers);
        targetLabels = List.copyOf(targetLabels);
    }
}
