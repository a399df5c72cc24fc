package io.strata.storage;

/**
 * Callbacks the metrics layer turns into Prometheus metrics. Called from ingestion and flush
 * threads: implementations must be cheap and thread-safe. Every method has a no-op default.
 */
public interface StorageListener {
    StorageListener NOOP = new StorageListener() {};

    /** One WAL {@code fsync} finished, covering {@code records} records (group commit). */
    default void walSynced(long nanos, int records) {}

    /** Entries of one push stream were accepted ({@code duplicates} identical entries dropped). */
    default void entriesAppended(String tenant, long entries, long bytes, long duplicates) {}

    /** A stream got its first head data ({@code created}) or lost it after a flush. */
    default void headStreamsChanged(String tenant, int delta) {}

    /** A chunk was written to the object store. {@code reason} is one of {@code full, idle, max_age, forced}. */
    default void chunkFlushed(String tenant, long compressedBytes, long entries, String reason) {}

    /** An index segment was written to the object store. */
    default void indexSegmentWritten(String tenant, long bytes) {}

    /** A flush round failed (the chunks stay in the head and are retried). */
    default void flushFailed(Throwable cause) {}

    /** WAL replay at open finished. */
    default void walReplayed(long records, long entries, long nanos) {}
}
