package io.strata.metrics;

import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.Counter;
import io.prometheus.client.Gauge;
import io.prometheus.client.Histogram;
import java.util.function.Supplier;

/**
 * Metrics of the storage engine: WAL sync latency, chunk flushes and head memory. The storage
 * engine reports through its listener callbacks; the head gauges are read from a supplier of
 * storage statistics at scrape time. Thread-safe.
 */
public final class StorageMetrics {
    private final Histogram walSyncDuration;
    private final Counter walRecords;
    private final Counter chunksFlushed;
    private final Counter chunkBytesFlushed;
    private final Counter chunkEntriesFlushed;

    public StorageMetrics(CollectorRegistry registry, Supplier<HeadStats> head) {
        walSyncDuration = Histogram.build("loki_ingester_wal_sync_duration_seconds",
                        "Time spent syncing the write-ahead log to disk.")
                .buckets(0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1)
                .register(registry);
        walRecords = Counter.build("loki_ingester_wal_records_logged_total",
                "Records appended to the write-ahead log.").register(registry);
        chunksFlushed = Counter.build("loki_ingester_chunks_flushed_total",
                "Total flushed chunks.").labelNames("tenant").register(registry);
        chunkBytesFlushed = Counter.build("loki_ingester_chunk_stored_bytes_total",
                "Total bytes stored in chunks.").labelNames("tenant").register(registry);
        chunkEntriesFlushed = Counter.build("loki_ingester_chunk_entries_flushed_total",
                "Total entries stored in flushed chunks.").labelNames("tenant").register(registry);
        Gauge.build("loki_ingester_memory_streams", "The total number of streams in memory.")
                .create().setChild(new Gauge.Child() {
                    @Override
                    public double get() {
                        return head.get().streams();
                    }
                }).register(registry);
        Gauge.build("strata_head_bytes", "Bytes of unflushed (head) data held in memory.")
                .create().setChild(new Gauge.Child() {
                    @Override
                    public double get() {
                        return head.get().bytes();
                    }
                }).register(registry);
        Gauge.build("strata_chunk_cache_hits", "Decompressed-block cache hits since start (reads of flushed chunks).")
                .create().setChild(new Gauge.Child() {
                    @Override
                    public double get() {
                        return head.get().cacheHits();
                    }
                }).register(registry);
        Gauge.build("strata_chunk_cache_misses", "Decompressed-block cache misses since start.")
                .create().setChild(new Gauge.Child() {
                    @Override
                    public double get() {
                        return head.get().cacheMisses();
                    }
                }).register(registry);
        Gauge.build("strata_chunk_cache_hit_ratio", "Decompressed-block cache hits / lookups since start (0 before any lookup).")
                .create().setChild(new Gauge.Child() {
                    @Override
                    public double get() {
                        HeadStats s = head.get();
                        long lookups = s.cacheHits() + s.cacheMisses();
                        return lookups == 0 ? 0 : (double) s.cacheHits() / lookups;
                    }
                }).register(registry);
    }

    /** What the head holds right now, and the block cache's cumulative lookups. */
    public record HeadStats(long streams, long bytes, long cacheHits, long cacheMisses) {}

    public void walSynced(long nanos, int records) {
        walSyncDuration.observe(nanos / 1e9);
        walRecords.inc(records);
    }

    public void chunkFlushed(String tenant, long compressedBytes, long entries) {
        chunksFlushed.labels(tenant).inc();
        chunkBytesFlushed.labels(tenant).inc(compressedBytes);
        chunkEntriesFlushed.labels(tenant).inc(entries);
    }
}
