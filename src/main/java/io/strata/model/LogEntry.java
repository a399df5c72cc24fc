package io.strata.model;

import java.util.Objects;

/**
 * One log entry as pushed: a timestamp in Unix epoch nanoseconds, the line, and its structured
 * metadata (empty {@link Labels} when there is none).
 */
public record LogEntry(long timestampNanos, String line, Labels metadata) {
    public LogEntry {
        Objects.requireNonNull(line, "line");
        metadata = metadata == null ? Labels.EMPTY : metadata;
    }

    public LogEntry(long timestampNanos, String line) {
        this(timestampNanos, line, Labels.EMPTY);
    }
}
