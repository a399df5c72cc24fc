package io.strata.storage;

import io.strata.model.EntryIterator;
import io.strata.model.Labels;
import io.strata.model.LogEntry;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** An {@link EntryIterator} over a list, in list order; optionally throws after {@code failAfter} entries. */
final class ListEntries implements EntryIterator {
    private final List<LogEntry> entries;
    private final int failAfter;
    private int i = -1;
    private byte[] line;
    boolean closed;

    ListEntries(List<LogEntry> entries) {
        this(entries, Integer.MAX_VALUE);
    }

    ListEntries(List<LogEntry> entries, int failAfter) {
        this.entries = entries;
        this.failAfter = failAfter;
    }

    @Override
    public boolean next() {
        if (i + 1 >= failAfter) {
            throw new IllegalStateException("source broke after " + failAfter + " entries");
        }
        if (++i >= entries.size()) {
            return false;
        }
        line = ("#" + entries.get(i).line() + "#").getBytes(StandardCharsets.UTF_8); // offset 1, not 0
        return true;
    }

    @Override
    public long timestamp() {
        return entries.get(i).timestampNanos();
    }

    @Override
    public byte[] lineBuffer() {
        return line;
    }

    @Override
    public int lineOffset() {
        return 1;
    }

    @Override
    public int lineLength() {
        return line.length - 2;
    }

    @Override
    public Labels metadata() {
        return entries.get(i).metadata();
    }

    @Override
    public void close() {
        closed = true;
    }
}
