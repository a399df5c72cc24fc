package io.strata.compactor;

import java.time.Duration;
import java.util.List;

/**
 * The per-tenant limits the compactor needs (Loki's {@code retention_period},
 * {@code retention_stream} and {@code deletion_mode}), handed over by the caller so this package
 * does not depend on how limits are configured.
 */
public record TenantSettings(Duration retentionPeriod, List<StreamRule> streamRules, String deletionMode) {
    public static final TenantSettings DEFAULTS = new TenantSettings(Duration.ZERO, List.of(), "filter-and-delete");

    /** One {@code retention_stream} rule. */
    public record StreamRule(String selector, int priority, Duration period) {}

    public TenantSettings {
        streamRules = List.copyOf(streamRules);
    }

    /** Whether the delete API is available ({@code filter-only} or {@code filter-and-delete}). */
    public boolean deletionEnabled() {
        return deletionMode.equals("filter-only") || deletionMode.equals("filter-and-delete");
    }

    /** Whether the compactor rewrites chunks for delete requests (only {@code filter-and-delete}). */
    public boolean deletesData() {
        return deletionMode.equals("filter-and-delete");
    }
}
