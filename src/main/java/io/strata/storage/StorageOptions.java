package io.strata.storage;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Plain options of the storage engine (the config layer builds them from {@code strata.*}).
 *
 * @param dataDir local directory: the WAL lives under {@code <dataDir>/wal/}, the default object
 *     store under {@code <dataDir>/store/}
 * @param shards number of ingestion shards (one WAL each); streams hash to a shard
 * @param targetChunkBytes a head chunk is cut once its compressed size reaches this (Loki's
 *     {@code chunk_target_size})
 * @param blockBytes uncompressed size at which a head block is compressed and sealed
 * @param maxChunkAge a head chunk older than this (wall clock since its first entry) is cut
 * @param chunkIdlePeriod a head chunk without appends for this long is cut
 * @param flushCheckPeriod how often the flusher looks for chunks to cut and flush
 * @param indexPeriod length of an index period (one index "table" per tenant and period)
 * @param clock time source for flush decisions
 * @param listener callbacks for metrics
 * @param readOnly open without WAL, writer id or flusher (scale-out {@code read}/{@code backend} roles):
 *     appends fail, reads serve the index synced from the object store
 * @param indexSyncPeriod how often a background thread calls {@link Storage#syncIndex()};
 *     {@link Duration#ZERO} = never
 * @param writerId preferred writer id (e.g. {@code STRATA_INSTANCE_ID}) used when the data dir has
 *     no {@code writer-id} file yet; sanitised to {@code [a-z0-9]}, at most 32 characters; null = random
 * @param chunkRetainPeriod how long a flushed chunk stays in {@link Storage#recentReader} (what the
 *     config layer passes as {@code retain})
 */
public record StorageOptions(Path dataDir, int shards, long targetChunkBytes, int blockBytes,
        Duration maxChunkAge, Duration chunkIdlePeriod, Duration flushCheckPeriod, Duration indexPeriod,
        Clock clock, StorageListener listener, boolean readOnly, Duration indexSyncPeriod, String writerId,
        Duration chunkRetainPeriod) {

    private static final Duration DEFAULT_RETAIN = Duration.ofMinutes(1);

    /** The single-process options (writable, no background sync, random writer id, 1m retain). */
    public StorageOptions(Path dataDir, int shards, long targetChunkBytes, int blockBytes, Duration maxChunkAge,
            Duration chunkIdlePeriod, Duration flushCheckPeriod, Duration indexPeriod, Clock clock,
            StorageListener listener) {
        this(dataDir, shards, targetChunkBytes, blockBytes, maxChunkAge, chunkIdlePeriod, flushCheckPeriod,
                indexPeriod, clock, listener, false, Duration.ZERO, null, DEFAULT_RETAIN);
    }

    public StorageOptions {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(maxChunkAge, "maxChunkAge");
        Objects.requireNonNull(chunkIdlePeriod, "chunkIdlePeriod");
        Objects.requireNonNull(flushCheckPeriod, "flushCheckPeriod");
        Objects.requireNonNull(indexPeriod, "indexPeriod");
        clock = clock == null ? Clock.systemUTC() : clock;
        listener = listener == null ? StorageListener.NOOP : listener;
        indexSyncPeriod = indexSyncPeriod == null ? Duration.ZERO : indexSyncPeriod;
        chunkRetainPeriod = chunkRetainPeriod == null ? DEFAULT_RETAIN : chunkRetainPeriod;
        if (indexSyncPeriod.isNegative() || chunkRetainPeriod.isNegative()) {
            throw new IllegalArgumentException("indexSyncPeriod and chunkRetainPeriod must not be negative");
        }
        if (shards < 1 || shards > 1024) {
            throw new IllegalArgumentException("shards must be in [1, 1024]: " + shards);
        }
        if (targetChunkBytes < 1024) {
            throw new IllegalArgumentException("targetChunkBytes too small: " + targetChunkBytes);
        }
        if (blockBytes < 256 || blockBytes > 64 << 20) {
            throw new IllegalArgumentException("blockBytes must be in [256, 64 MiB]: " + blockBytes);
        }
        if (indexPeriod.toNanos() <= 0 || flushCheckPeriod.toMillis() <= 0) {
            throw new IllegalArgumentException("indexPeriod and flushCheckPeriod must be positive");
        }
    }

    /** Loki-like defaults: 1.5 MiB chunks, 256 KiB blocks, 2h max age, 30m idle, 30s checks, 24h index. */
    public static StorageOptions defaults(Path dataDir) {
        return new StorageOptions(dataDir, Runtime.getRuntime().availableProcessors(), 1_572_864L, 262_144,
                Duration.ofHours(2), Duration.ofMinutes(30), Duration.ofSeconds(30), Duration.ofHours(24),
                Clock.systemUTC(), StorageListener.NOOP, false, Duration.ZERO, null, DEFAULT_RETAIN);
    }

    public StorageOptions withShards(int n) {
        return new StorageOptions(dataDir, n, targetChunkBytes, blockBytes, maxChunkAge, chunkIdlePeriod,
                flushCheckPeriod, indexPeriod, clock, listener, readOnly, indexSyncPeriod, writerId, chunkRetainPeriod);
    }

    public StorageOptions withSizes(long chunkBytes, int block) {
        return new StorageOptions(dataDir, shards, chunkBytes, block, maxChunkAge, chunkIdlePeriod,
                flushCheckPeriod, indexPeriod, clock, listener, readOnly, indexSyncPeriod, writerId, chunkRetainPeriod);
    }

    public StorageOptions withClock(Clock c) {
        return new StorageOptions(dataDir, shards, targetChunkBytes, blockBytes, maxChunkAge, chunkIdlePeriod,
                flushCheckPeriod, indexPeriod, c, listener, readOnly, indexSyncPeriod, writerId, chunkRetainPeriod);
    }

    public StorageOptions withListener(StorageListener l) {
        return new StorageOptions(dataDir, shards, targetChunkBytes, blockBytes, maxChunkAge, chunkIdlePeriod,
                flushCheckPeriod, indexPeriod, clock, l, readOnly, indexSyncPeriod, writerId, chunkRetainPeriod);
    }

    public StorageOptions withPeriods(Duration maxAge, Duration idle, Duration check) {
        return new StorageOptions(dataDir, shards, targetChunkBytes, blockBytes, maxAge, idle, check,
                indexPeriod, clock, listener, readOnly, indexSyncPeriod, writerId, chunkRetainPeriod);
    }

    public StorageOptions withReadOnly(boolean ro) {
        return new StorageOptions(dataDir, shards, targetChunkBytes, blockBytes, maxChunkAge, chunkIdlePeriod,
                flushCheckPeriod, indexPeriod, clock, listener, ro, indexSyncPeriod, writerId, chunkRetainPeriod);
    }

    public StorageOptions withIndexSyncPeriod(Duration period) {
        return new StorageOptions(dataDir, shards, targetChunkBytes, blockBytes, maxChunkAge, chunkIdlePeriod,
                flushCheckPeriod, indexPeriod, clock, listener, readOnly, period, writerId, chunkRetainPeriod);
    }

    public StorageOptions withWriterId(String id) {
        return new StorageOptions(dataDir, shards, targetChunkBytes, blockBytes, maxChunkAge, chunkIdlePeriod,
                flushCheckPeriod, indexPeriod, clock, listener, readOnly, indexSyncPeriod, id, chunkRetainPeriod);
    }

    public StorageOptions withChunkRetainPeriod(Duration retain) {
        return new StorageOptions(dataDir, shards, targetChunkBytes, blockBytes, maxChunkAge, chunkIdlePeriod,
                flushCheckPeriod, indexPeriod, clock, listener, readOnly, indexSyncPeriod, writerId, retain);
    }
}
