package io.strata.query;

import io.strata.storage.ChunkSummary;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of one query, filled while it runs (thread-safe) and rendered as Loki's {@code stats}
 * object by the API layer. Owned by one {@link QueryContext}.
 */
public final class QueryStatistics {
    private final LongAdder linesProcessed = new LongAdder();
    private final LongAdder bytesProcessed = new LongAdder();
    private final LongAdder structuredMetadataBytes = new LongAdder();
    private final LongAdder streams = new LongAdder();
    private final LongAdder storeChunks = new LongAdder();
    private final LongAdder storeCompressedBytes = new LongAdder();
    private final LongAdder headChunks = new LongAdder();
    private final long startNanoTime = System.nanoTime();
    private volatile long execNanos = -1;
    private volatile long entriesReturned;

    void addLine(int bytes, int metadataBytes) {
        linesProcessed.increment();
        bytesProcessed.add(bytes);
        if (metadataBytes > 0) {
            structuredMetadataBytes.add(metadataBytes);
        }
    }

    void addLines(int lines, long bytes, long metadataBytes) {
        linesProcessed.add(lines);
        bytesProcessed.add(bytes);
        if (metadataBytes > 0) {
            structuredMetadataBytes.add(metadataBytes);
        }
    }

    void addStreams(int n) {
        streams.add(n);
    }

    /**
     * Counts the chunks of a selected stream that overlap {@code [from, through)}: flushed ones
     * (store) and head ones (ingester).
     */
    void addChunks(List<ChunkSummary> chunks, long from, long through) {
        for (ChunkSummary c : chunks) {
            if (c.throughNanos() < from || c.fromNanos() >= through) {
                continue;
            }
            if (c.flushed()) {
                storeChunks.increment();
                storeCompressedBytes.add(c.compressedBytes());
            } else {
                headChunks.increment();
            }
        }
    }

    /** Flushed chunks referenced by the selected streams (each fetched once, from cache or store). */
    public long storeChunks() {
        return storeChunks.sum();
    }

    /** Compressed size of those flushed chunks. */
    public long storeCompressedBytes() {
        return storeCompressedBytes.sum();
    }

    /** Unflushed (head) chunks of the selected streams in the range. */
    public long headChunks() {
        return headChunks.sum();
    }

    /** Marks the end of execution; later calls keep the first value. */
    public void finish(long entries) {
        if (execNanos < 0) {
            execNanos = System.nanoTime() - startNanoTime;
            entriesReturned = entries;
        }
    }

    public long linesProcessed() {
        return linesProcessed.sum();
    }

    public long bytesProcessed() {
        return bytesProcessed.sum();
    }

    public long structuredMetadataBytesProcessed() {
        return structuredMetadataBytes.sum();
    }

    public long streams() {
        return streams.sum();
    }

    public long entriesReturned() {
        return entriesReturned;
    }

    /** Execution time in seconds (up to now when not finished). */
    public double execSeconds() {
        long n = execNanos >= 0 ? execNanos : System.nanoTime() - startNanoTime;
        return n / 1e9;
    }

    public long bytesPerSecond() {
        double s = execSeconds();
        return s <= 0 ? 0 : (long) (bytesProcessed() / s);
    }

    public long linesPerSecond() {
        double s = execSeconds();
        return s <= 0 ? 0 : (long) (linesProcessed() / s);
    }
}
