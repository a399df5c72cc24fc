package io.strata.storage;

import io.strata.model.Direction;
import io.strata.model.EntryIterator;
import io.strata.model.Labels;
import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.function.Consumer;

/**
 * Merges the sources of one stream (blocks of flushed chunks, pending and head blocks, the open
 * block) into one timestamp-ordered cursor over {@code [from, through)}. Sources are opened lazily:
 * a source is decompressed only once the merge reaches its time range, and chunk sources expand
 * into block sources when opened. Ties on timestamp go to the source pushed first (forward) or
 * last (backward); within a block, equal timestamps keep push order (reversed for backward).
 * Not thread-safe: one reader owns it.
 */
final class MergedEntryIterator implements EntryIterator {
    /** Something that yields cursors: a block, a decoded block, or a chunk to expand. */
    abstract static class Source {
        final long minT;
        final long maxT;
        final long order;

        Source(long minT, long maxT, long order) {
            this.minT = minT;
            this.maxT = maxT;
            this.order = order;
        }

        /** Adds cursors (to {@code cursors}) and/or further sources (to {@code sources}). */
        abstract void open(MergedEntryIterator it, Consumer<Source> sources);
    }

    /** A position in a decoded block, between {@code lo} and {@code hi} (exclusive). */
    static final class Cursor {
        final DecodedBlock block;
        final long order;
        final int lo;
        final int hi;
        int i;
        long ts;

        Cursor(DecodedBlock block, long order, int lo, int hi, boolean forward) {
            this.block = block;
            this.order = order;
            this.lo = lo;
            this.hi = hi;
            this.i = forward ? lo : hi - 1;
        }

        boolean valid() {
            return i >= lo && i < hi;
        }
    }

    private final boolean forward;
    final long from;
    final long through;
    final TrigramBloom.Probe probe;
    private final PriorityQueue<Source> pending;
    private final PriorityQueue<Cursor> active;
    private final Comparator<Cursor> cursorOrder;
    private Cursor current;
    private long skipped;
    private int lineOffset;
    private int lineLength;
    private final MetadataCache metadataCache = new MetadataCache();

    MergedEntryIterator(Direction direction, long from, long through, TrigramBloom.Probe probe) {
        this.forward = direction == Direction.FORWARD;
        this.from = from;
        this.through = through;
        this.probe = probe;
        Comparator<Source> so = forward
                ? Comparator.<Source>comparingLong(s -> s.minT).thenComparingLong(s -> s.order)
                : Comparator.<Source>comparingLong(s -> -s.maxT).thenComparingLong(s -> -s.order);
        cursorOrder = forward
                ? Comparator.<Cursor>comparingLong(c -> c.ts).thenComparingLong(c -> c.order)
                : Comparator.<Cursor>comparingLong(c -> c.ts).reversed().thenComparing(
                        Comparator.<Cursor>comparingLong(c -> c.order).reversed());
        pending = new PriorityQueue<>(so);
        active = new PriorityQueue<>(cursorOrder);
    }

    void add(Source s) {
        if (s.maxT >= from && s.minT < through) {
            pending.add(s);
        } else {
            skipped++;
        }
    }

    /** Counts a block that a summary excluded. */
    void skip() {
        skipped++;
    }

    long skipped() {
        return skipped;
    }

    /** Adds a cursor over the entries of {@code block} that fall in {@code [from, through)}. */
    void addBlock(DecodedBlock block, long order) {
        int lo = block.lowerBound(from);
        int hi = block.lowerBound(through);
        if (lo < hi) {
            Cursor c = new Cursor(block, order, lo, hi, forward);
            c.ts = block.ts[c.i];
            active.add(c);
        }
    }

    private boolean mustOpen(Source s, long ts) {
        return forward ? s.minT <= ts : s.maxT >= ts;
    }

    @Override
    public boolean next() {
        Cursor c = current;
        if (c != null) {
            c.i += forward ? 1 : -1;
            if (c.valid()) {
                c.ts = c.block.ts[c.i];
                Cursor top = active.peek();
                Source s = pending.peek();
                if ((top == null || cursorOrder.compare(c, top) <= 0) && (s == null || !mustOpen(s, c.ts))) {
                    return position(c);
                }
                active.add(c);
            }
            current = null;
        }
        while (!pending.isEmpty() && (active.isEmpty() || mustOpen(pending.peek(), active.peek().ts))) {
            pending.poll().open(this, this::add);
        }
        c = active.poll();
        if (c == null) {
            return false;
        }
        current = c;
        return position(c);
    }

    private boolean position(Cursor c) {
        lineOffset = c.block.lineOffset[c.i];
        lineLength = c.block.lineLength[c.i];
        return true;
    }

    @Override
    public long timestamp() {
        return current.ts;
    }

    @Override
    public byte[] lineBuffer() {
        return current.block.data;
    }

    @Override
    public int lineOffset() {
        return lineOffset;
    }

    @Override
    public int lineLength() {
        return lineLength;
    }

    @Override
    public Labels metadata() {
        return current.block.metadata(current.i, metadataCache);
    }

    @Override
    public void close() {
        pending.clear();
        active.clear();
        current = null;
    }
}
