package io.strata.logql.engine;

import io.strata.model.Direction;
import java.util.Objects;

/**
 * One query as the HTTP layer parsed it. Times are Unix nanoseconds. An instant query has
 * {@code start == end} and step 0; a range query evaluates metric steps from start to end
 * inclusive and returns log entries in {@code [start, end)}. {@code limit}, {@code direction}
 * and {@code interval} only matter for log queries.
 */
public record QueryRequest(String query, long startNanos, long endNanos, long stepNanos, long intervalNanos,
        int limit, Direction direction, boolean instant) {
    public QueryRequest {
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(direction, "direction");
    }

    public static QueryRequest instant(String query, long timeNanos) {
        return new QueryRequest(query, timeNanos, timeNanos, 0, 0, 100, Direction.BACKWARD, true);
    }

    public static QueryRequest range(String query, long startNanos, long endNanos, long stepNanos) {
        return new QueryRequest(query, startNanos, endNanos, stepNanos, 0, 100, Direction.BACKWARD, false);
    }

    public QueryRequest withLimit(int newLimit) {
        return new QueryRequest(query, startNanos, endNanos, stepNanos, intervalNanos, newLimit, direction, instant);
    }

    public QueryRequest withDirection(Direction newDirection) {
        return new QueryRequest(query, startNanos, endNanos, stepNanos, intervalNanos, limit, newDirection, instant);
    }

    public QueryRequest withInterval(long newIntervalNanos) {
        return new QueryRequest(query, startNanos, endNanos, stepNanos, newIntervalNanos, limit, direction, instant);
    }
}
