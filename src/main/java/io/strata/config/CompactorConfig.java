package io.strata.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The compactor's settings, prefix {@code strata.compactor} ({@code STRATA_COMPACTOR_*}), named after
 * Loki's {@code compactor} block. Durations are Prometheus forms ({@code 10m}, {@code 2h}).
 */
@ConfigMapping(prefix = "strata.compactor")
public interface CompactorConfig {
    /** Loki {@code retention_enabled}: apply retention and serve/process log deletion requests. */
    @WithDefault("false")
    boolean retentionEnabled();

    /** Loki {@code compaction_interval}: how often a compactor run starts. */
    @WithDefault("10m")
    String compactionInterval();

    /** Loki {@code retention_delete_delay}: how long chunks dropped from the index stay in the store. */
    @WithDefault("2h")
    String retentionDeleteDelay();

    /** Loki {@code delete_request_cancel_period}: requests can be cancelled, and wait, this long. */
    @WithDefault("24h")
    String deleteRequestCancelPeriod();

    /** Loki {@code delete_max_interval}: shard size of delete requests with line filters. */
    @WithDefault("24h")
    String deleteMaxInterval();
}
