package io.strata.tenant;

import java.time.Duration;
import java.util.Objects;

/**
 * One {@code retention_stream} rule of Loki's limits: streams matching {@code selector} keep their
 * entries for {@code period}; when several rules match, the highest {@code priority} wins (ties:
 * the shortest period). The selector is checked where it is used (the compactor parses it).
 */
public record RetentionStream(String selector, int priority, Duration period) {
    public RetentionStream {
        Objects.requireNonNull(selector, "selector");
        Objects.requireNonNull(period, "period");
    }
}
