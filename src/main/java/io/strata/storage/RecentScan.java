package io.strata.storage;

import io.strata.model.Direction;
import io.strata.model.EntryIterator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The scan of {@link StreamScan} restricted to a subset of the flushed chunks (those this process
 * flushed recently) plus all unflushed data: pending chunks, sealed head blocks and the open block.
 * Same ordering and hint semantics; the same {@link ChunkCache}.
 */
final class RecentScan {
    private static final long BLOCKS_PER_SOURCE = 1 << 16;

    private RecentScan() {}

    static EntryIterator open(StoredStream stream, Set<ChunkRef> recent, ObjectStore store, ChunkCache cache,
            long from, long through, Direction direction, ScanHints hints, StreamScan.Counters counters) {
        if (from >= through) {
            return EntryIterator.EMPTY;
        }
        StoredStream.Snapshot snap = stream.snapshot();
        MergedEntryIterator it = new MergedEntryIterator(direction, from, through, TrigramBloom.Probe.of(hints));
        long ordinal = 0;
        List<ChunkRef> flushed = new ArrayList<>();
        for (ChunkRef ref : snap.view().flushed()) {
            if (recent.contains(ref)) {
                flushed.add(ref);
            }
        }
        flushed.sort(Comparator.comparingLong(ChunkRef::minSeq));
        for (ChunkRef ref : flushed) {
            ordinal++;
            it.add(new ChunkSource(ref, ref.key(stream.tenant, stream.info.fingerprint()), ordinal * BLOCKS_PER_SOURCE,
                    store, cache, counters));
        }
        for (PendingChunk p : snap.view().pending()) {
            ordinal++;
            addBlocks(it, p.blocks(), ordinal, cache, counters);
        }
        ordinal++;
        addBlocks(it, snap.view().sealed(), ordinal, cache, counters);
        if (snap.open() != null) {
            DecodedBlock open = snap.open();
            long order = (ordinal + 1) * BLOCKS_PER_SOURCE;
            it.add(new MergedEntryIterator.Source(open.ts[0], open.ts[open.count - 1], order) {
                @Override
                void open(MergedEntryIterator m, Consumer<MergedEntryIterator.Source> sources) {
                    m.addBlock(open, order);
                }
            });
        }
        counters.skipped(it.skipped());
        return it;
    }

    private static void addBlocks(MergedEntryIterator it, List<SealedBlock> blocks, long ordinal, ChunkCache cache,
            StreamScan.Counters counters) {
        int i = 0;
        for (SealedBlock b : blocks) {
            StreamScan.addBlock(it, b, b, ordinal * BLOCKS_PER_SOURCE + i++, cache, counters, it::add);
        }
    }

    /** A flushed chunk; opening it fetches (or hits the cache) and expands it into its blocks. */
    private static final class ChunkSource extends MergedEntryIterator.Source {
        private final String key;
        private final ObjectStore store;
        private final ChunkCache cache;
        private final StreamScan.Counters counters;

        ChunkSource(ChunkRef ref, String key, long order, ObjectStore store, ChunkCache cache,
                StreamScan.Counters counters) {
            super(ref.from(), ref.through(), order);
            this.key = key;
            this.store = store;
            this.cache = cache;
            this.counters = counters;
        }

        @Override
        void open(MergedEntryIterator m, Consumer<MergedEntryIterator.Source> sources) {
            List<SealedBlock> blocks = cache.chunk(key, store);
            for (int i = 0; i < blocks.size(); i++) {
                StreamScan.addBlock(m, blocks.get(i), new ChunkCache.BlockKey(key, i), order + i, cache, counters,
                        sources);
            }
        }
    }
}
