package io.strata.cluster;

import java.util.Locale;

/**
 * What one Strata process does ({@code strata.target}), after Loki's simple scalable targets:
 * {@code all} (everything, the default), {@code write} (push, WAL, head chunks, flush, the internal
 * API readers ask for unflushed data), {@code read} (queries, over the store and the writers) and
 * {@code backend} (ruler and retention, reading like {@code read}).
 */
public enum Role {
    ALL, WRITE, READ, BACKEND;

    /**
     * Parses {@code all|write|read|backend} (case-insensitive, blanks trimmed).
     *
     * @throws IllegalArgumentException naming the setting and the accepted values
     */
    public static Role parse(String text) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        return switch (t) {
            case "all" -> ALL;
            case "write" -> WRITE;
            case "read" -> READ;
            case "backend" -> BACKEND;
            default -> throw new IllegalArgumentException("invalid strata.target (STRATA_TARGET) '" + text
                    + "': expected one of all, write, read, backend");
        };
    }

    /** Push and {@code /flush} are served; the process owns a WAL and head chunks. */
    public boolean acceptsWrites() {
        return this == ALL || this == WRITE;
    }

    /** Query, tail and detected-field routes are served. */
    public boolean servesQueries() {
        return this == ALL || this == READ;
    }

    /** The ruler (and retention) run here. */
    public boolean runsBackend() {
        return this == ALL || this == BACKEND;
    }

    /** Opens storage read-only and syncs the index from the store; unflushed data comes from writers. */
    public boolean readsOnly() {
        return this == READ || this == BACKEND;
    }

    /** The lower-case name, as configured. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
