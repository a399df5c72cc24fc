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
     * are accepted; an entry identical to the previous one of its stream (same timestamp, line
     * and metadata) is silently dropped, as Loki does.
     *
     * @throws io.strata.model.StrataException category UNAVAILABLE when the WAL cannot be written
     */
    void append(String tenant, List<PushStream> streams);

    /** Number of streams of the tenant that currently hold unflushed (head) data. */
    long activeStreams(String tenant);

    /** Whether the tenant currently has this stream in the head. */
    boolean isActive(String tenant, Labels labels);
}
