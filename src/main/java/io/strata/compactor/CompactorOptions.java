package io.strata.compactor;

import java.time.Duration;

/**
 * Plain options of the compactor (Loki's {@code compactor} block).
 *
 * @param retentionEnabled Loki's {@code retention_enabled}: apply retention and process delete requests
 * @param compactionInterval how often a run starts ({@code compaction_interval}, 10m)
 * @param retentionDeleteDelay how long chunks dropped from the index stay in the store ({@code retention_delete_delay}, 2h)
 * @param deleteRequestCancelPeriod how long a delete request may be cancelled, and waits before it is
 *     processed ({@code delete_request_cancel_period}, 24h)
 * @param deleteMaxInterval the shard size of delete requests with line filters ({@code delete_max_interval}, 24h)
 * @param indexPeriod the store's index period (24h)
 * @param blockBytes uncompressed block size of rewritten chunks
 */
public record CompactorOptions(boolean retentionEnabled, Duration compactionInterval, Duration retentionDeleteDelay,
        Duration deleteRequestCancelPeriod, Duration deleteMaxInterval, Duration indexPeriod, int blockBytes) {

    public static CompactorOptions defaults() {
        return new CompactorOptions(false, Duration.ofMinutes(10), Duration.ofHours(2), Duration.ofHours(24),
                Duration.ofHours(24), Duration.ofHours(24), 262_144);
    }

    public CompactorOptions withRetention(boolean enabled) {
        return new CompactorOptions(enabled, compactionInterval, retentionDeleteDelay, deleteRequestCancelPeriod,
                deleteMaxInterval, indexPeriod, blockBytes);
    }
}
