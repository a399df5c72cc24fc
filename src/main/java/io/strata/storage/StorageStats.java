package io.strata.storage;

/**
 * A point-in-time snapshot of storage counters (cumulative since {@link Storage#open}).
 *
 * @param headStreams streams holding unflushed data
 * @param headEntries unflushed entries
 * @param headBytes memory held by head data (compressed sealed blocks plus open blocks)
 * @param entriesAppended entries accepted by {@code append}
 * @param duplicatesDropped entries dropped as identical to their stream's previous entry
 * @param walSyncs number of WAL {@code fsync} calls
 * @param walRecords WAL records written
 * @param chunksFlushed chunks written to the object store
 * @param flushedBytes compressed bytes of those chunks
 * @param indexSegments index segments written
 * @param flushFailures failed flush rounds
 * @param blocksDecompressed blocks decompressed by reads (cache misses included, hits not)
 * @param blocksSkipped blocks skipped by summaries (time range excluded)
 * @param cacheHits block cache hits
 * @param cacheMisses block cache misses
 */
public record StorageStats(long headStreams, long headEntries, long headBytes, long entriesAppended,
        long duplicatesDropped, long walSyncs, long walRecords, long chunksFlushed, long flushedBytes,
        long indexSegments, long flushFailures, long blocksDecompressed, long blocksSkipped, long cacheHits,
        long cacheMisses) {}
