package io.strata.model;

/**
 * An {@link EntryIterator} that passes on the entries of another one for which {@link #keep()} is
 * true; the accessors read the current entry of the wrapped cursor, so nothing is copied.
 */
public abstract class FilteredEntryIterator implements EntryIterator {
    protected final EntryIterator in;

    protected FilteredEntryIterator(EntryIterator in) {
        this.in = in;
    }

    /** Whether the wrapped cursor's current entry is passed on. */
    protected abstract boolean keep();

    @Override
    public final boolean next() {
        while (in.next()) {
            if (keep()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public final long timestamp() {
        return in.timestamp();
    }

    @Override
    public final byte[] lineBuffer() {
        return in.lineBuffer();
    }

    @Override
    public final int lineOffset() {
        return in.lineOffset();
    }

    @Override
    public final int lineLength() {
        return in.lineLength();
    }

    @Override
    public final Labels metadata() {
        return in.metadata();
    }

    @Override
    public void close() {
        in.close();
    }
}
