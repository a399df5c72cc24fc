package io.strata.query;

import io.strata.model.EntryIterator;
import io.strata.model.Labels;

/** Passes entries through and counts lines and bytes read into a {@link QueryStatistics}. */
final class CountingEntryIterator implements EntryIterator {
    private final EntryIterator delegate;
    private final QueryStatistics statistics;

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
        int metadataBytes = 0;
        for (int i = 0; i < metadata.size(); i++) {
            metadataBytes += metadata.name(i).length() + metadata.value(i).length();
        }
        statistics.addLine(delegate.lineLength(), metadataBytes);
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

    @Override
    public void close() {
        delegate.close();
    }
}
