package io.strata.storage;

import io.strata.model.Labels;
import io.strata.model.PushStream;
import java.util.List;

/**
 * The write seam of storage. {@code ingest} hands validated streams to it; everything below
 * (sharding, WAL, head chunks, flushing) is storage's business.
 */
public interface LogWriter {
    /**
     * Appends the streams of one push for a tenant. Returns only when every entry is in a
     * write-ahead log synced to disk (concurrent callers share one sync). Out-of-order entries
     * are accepted within Loki's window (newer than the stream's newest timestamp minus half the
     * max chunk age); an entry with the same timestamp and line as one already in the stream's
     * open head block (or earlier in the same push) is silently dropped, as Loki does (metadata
     * is not compared).
     *
     * @throws io.strata.model.StrataException category UNAVAILABLE when the WAL cannot be written;
     *     BAD_REQUEST with Loki's {@code entry too far behind} text after storing the rest of the
     *     push when some entries were outside the out-of-order window
     */
    void append(String tenant, List<PushStream> streams);

    /** Number of streams of the tenant that currently hold unflushed (head) data. */
    long activeStreams(String tenant);

    /** Whether the tenant currently has this stream in the head. */
    boolean isActive(String tenant, Labels labels);
}
