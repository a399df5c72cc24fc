package io.strata.storage;

import io.strata.model.Direction;
import io.strata.model.EntryIterator;
import io.strata.model.Matcher;
import java.util.List;

/**
 * The read seam of storage: head (unflushed) and flushed data are read through it alike, and
 * without duplicates. Time ranges are {@code [fromNanos, throughNanos)}.
 */
public interface LogReader {
    /** Streams of the tenant matching every matcher that have data in the time range. */
    List<StreamInfo> streams(String tenant, List<Matcher> matchers, long fromNanos, long throughNanos);

    /**
     * Entries of one stream in the time range, ordered by timestamp in the given direction
     * (equal timestamps keep push order for forward, reverse push order for backward).
     * {@code hints} lets storage skip chunks and blocks that cannot contain a match.
     */
    EntryIterator entries(String tenant, StreamInfo stream, long fromNanos, long throughNanos,
            Direction direction, ScanHints hints);

    /**
     * Size summaries of the stream's chunks that overlap {@code [fromNanos, throughNanos)} (flushed
     * chunk refs and unflushed head chunks; storage may include chunks up to a millisecond
     * outside), for index statistics and volumes without reading lines. This default reads the
     * entries in the range and reports them as one unflushed chunk of line + metadata bytes.
     */
    default List<ChunkSummary> chunkSummaries(String tenant, StreamInfo stream, long fromNanos, long throughNanos) {
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        long bytes = 0;
        long n = 0;
        try (EntryIterator it = entries(tenant, stream, fromNanos, throughNanos, Direction.FORWARD, ScanHints.NONE)) {
            while (it.next()) {
                long t = it.timestamp();
                min = Math.min(min, t);
                max = Math.max(max, t);
                bytes += it.lineLength();
                var md = it.metadata();
                for (int i = 0; i < md.size(); i++) {
                    bytes += md.name(i).getBytes(java.nio.charset.StandardCharsets.UTF_8).length
                            + md.value(i).getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
                }
                n++;
            }
        }
        return n == 0 ? List.of() : List.of(new ChunkSummary(min, max, bytes, n, bytes, false));
    }
}
