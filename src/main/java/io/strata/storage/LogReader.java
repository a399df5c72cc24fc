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
}
