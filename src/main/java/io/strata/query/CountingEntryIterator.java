package io.strata.query;

import io.strata.model.EntryIterator;
import io.strata.model.Labels;

/**
 * Passes entries through and counts lines and bytes read into a {@link QueryStatistics}, in
 * batches (every {@value #FLUSH_EVERY} lines and on close) so that parallel readers do not contend
 * on the shared counters per entry.
 */
final class CountingEntryIterator implements EntryIterator {
    private final EntryIterator delegate;
    private final QueryStatistics statistics;
    private static final int FLUSH_EVERY = 4096;

    private Labels lastMetadata = Labels.EMPTY;
    private int lines;
    private long bytes;
    private long metadataBytes;
    private int lastMetadataBytes;

    CountingEntryIterator(EntryIterator delegate, QueryStatistics statistics) {
        this.delegate = delegate;
        this.statistics = statistics;
    }

    @Override
    public boolean next() {
        if (!delegate.next()) {
            return false;
        }
        Labels metadata = delegate.metadata();
        if (metadata != lastMetadata) { // storage hands out one instance per distinct metadata
            int metadataBytes = 0;
            for (int i = 0; i < metadata.size(); i++) {
                metadataBytes += metadata.name(i).length() + metadata.value(i).length();
            }
            lastMetadata = metadata;
            lastMetadataBytes = metadataBytes;
        }
        bytes += delegate.lineLength();
        metadataBytes += lastMetadataBytes;
        if (++lines == FLUSH_EVERY) {
            flush();
        }
        return true;
    }

    @Override
    public long timestamp() {
        return delegate.timestamp();
    }

    @Override
    public byte[] lineBuffer() {
        return delegate.lineBuffer();
    }

    @Override
    public int lineOffset() {
        return delegate.lineOffset();
    }

    @Override
    public int lineLength() {
        return delegate.lineLength();
    }

    @Override
    public Labels metadata() {
        return delegate.metadata();
    }

    private void flush() {
        if (lines > 0) {
            statistics.addLines(lines, bytes, metadataBytes);
            lines = 0;
            bytes = 0;
            metadataBytes = 0;
        }
    }

    @Override
    public void close() {
        flush();
        delegate.close();
    }
}
