package io.strata.storage;

import io.strata.model.Direction;
import io.strata.model.EntryIterator;
import io.strata.model.Labels;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;

/**
 * K-way merge of one stream's cursors from several sources (see {@link LogReaders#merged}): picks
 * the next entry in the direction (ties: lower source index first), and drops an entry whose line
 * bytes equal a line already emitted at the same timestamp. Lines emitted at the current timestamp
 * are copied into a reused arena (a hash set takes over when many entries share a timestamp).
 * A source marked as not from the store that throws is reported and dropped; a store source's
 * failure propagates. Few sources, so the next one is found by a linear scan.
 */
final class DedupMerge implements EntryIterator {
    private static final int LINEAR_LIMIT = 16;

    private final EntryIterator[] its;
    private final boolean[] fromStore;
    private final boolean[] live;
    private final long[] heads;
    private final boolean forward;
    private final Consumer<RuntimeException> onError;
    private int current = -1;
    private boolean primed;
    // lines emitted at arenaTs
    private long arenaTs;
    private int seen;
    private byte[] arena = new byte[4096];
    private int arenaUsed;
    private int[] offsets = new int[LINEAR_LIMIT];
    private int[] lengths = new int[LINEAR_LIMIT];
    private Set<ByteBuffer> many;

    DedupMerge(EntryIterator[] its, boolean[] fromStore, Direction direction, Consumer<RuntimeException> onError) {
        this.its = its;
        this.fromStore = fromStore;
        this.live = new boolean[its.length];
        this.heads = new long[its.length];
        this.forward = direction == Direction.FORWARD;
        this.onError = onError;
    }

    @Override
    public boolean next() {
        if (!primed) {
            primed = true;
            for (int i = 0; i < its.length; i++) {
                live[i] = true;
                advance(i);
            }
        } else if (current >= 0) {
            advance(current);
        }
        while (true) {
            int best = -1;
            for (int i = 0; i < its.length; i++) {
                if (live[i] && (best < 0 || (forward ? heads[i] < heads[best] : heads[i] > heads[best]))) {
                    best = i;
                }
            }
            current = best;
            if (best < 0) {
                return false;
            }
            EntryIterator it = its[best];
            long ts = heads[best];
            if (seen > 0 && ts == arenaTs) {
                if (alreadyEmitted(it.lineBuffer(), it.lineOffset(), it.lineLength())) {
                    advance(best);
                    continue;
                }
            } else {
                arenaTs = ts;
                seen = 0;
                arenaUsed = 0;
                many = null;
            }
            remember(it.lineBuffer(), it.lineOffset(), it.lineLength());
            return true;
        }
    }

    private boolean alreadyEmitted(byte[] b, int off, int len) {
        if (many != null) {
            return many.contains(ByteBuffer.wrap(b, off, len));
        }
        for (int i = 0; i < seen; i++) {
            if (lengths[i] == len && Arrays.equals(arena, offsets[i], offsets[i] + len, b, off, off + len)) {
                return true;
            }
        }
        return false;
    }

    private void remember(byte[] b, int off, int len) {
        if (many != null) {
            many.add(ByteBuffer.wrap(Arrays.copyOfRange(b, off, off + len)));
            seen++;
            return;
        }
        if (seen == LINEAR_LIMIT) {
            many = new HashSet<>();
            for (int i = 0; i < seen; i++) {
                many.add(ByteBuffer.wrap(Arrays.copyOfRange(arena, offsets[i], offsets[i] + lengths[i])));
            }
            many.add(ByteBuffer.wrap(Arrays.copyOfRange(b, off, off + len)));
            seen++;
            return;
        }
        if (arenaUsed + len > arena.length) {
            arena = Arrays.copyOf(arena, Math.max(arena.length * 2, arenaUsed + len));
        }
        System.arraycopy(b, off, arena, arenaUsed, len);
        offsets[seen] = arenaUsed;
        lengths[seen] = len;
        arenaUsed += len;
        seen++;
    }

    private void advance(int i) {
        try {
            if (its[i].next()) {
                heads[i] = its[i].timestamp();
                return;
            }
        } catch (RuntimeException e) {
            live[i] = false;
            closeQuietly(its[i]);
            if (fromStore[i]) {
                throw e;
            }
            onError.accept(e);
            return;
        }
        live[i] = false;
        closeQuietly(its[i]);
    }

    static void closeQuietly(EntryIterator it) {
        try {
            it.close();
        } catch (RuntimeException ignored) {
            // closing a failed source
        }
    }

    @Override
    public long timestamp() {
        return heads[current];
    }

    @Override
    public byte[] lineBuffer() {
        return its[current].lineBuffer();
    }

    @Override
    public int lineOffset() {
        return its[current].lineOffset();
    }

    @Override
    public int lineLength() {
        return its[current].lineLength();
    }

    @Override
    public Labels metadata() {
        return its[current].metadata();
    }

    @Override
    public void close() {
        for (int i = 0; i < its.length; i++) {
            if (live[i] || !primed) {
                closeQuietly(its[i]);
                live[i] = false;
            }
        }
        current = -1;
    }
}
