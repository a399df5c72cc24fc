package io.strata.storage;

import io.strata.model.Direction;
import io.strata.model.EntryIterator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Builds the {@link MergedEntryIterator} of one stream from a consistent snapshot: flushed chunks
 * (fetched lazily through the {@link ChunkCache}), pending chunks, sealed head blocks and a copy of
 * the open block. Blocks whose time range or trigram bloom excludes them are never decompressed.
 */
final class StreamScan {
    private static final long BLOCKS_PER_SOURCE = 1 << 16;

    private StreamScan() {}

    static EntryIterator open(StoredStream stream, ObjectStore store, ChunkCache cache, long from, long through,
            Direction direction, ScanHints hints, Counters counters) {
        return open(stream, ref -> true, store, cache, from, through, direction, hints, counters);
    }

    /**
     * The same scan restricted to the flushed chunks {@code flushedFilter} accepts (a writer's recent
     * view: the chunks it flushed lately); unflushed data is always included.
     */
    static EntryIterator open(StoredStream stream, Predicate<ChunkRef> flushedFilter, ObjectStore store,
            ChunkCache cache, long from, long through, Direction direction, ScanHints hints, Counters counters) {
        if (from >= through) {
            return EntryIterator.EMPTY;
        }
        StoredStream.Snapshot snap = stream.snapshot();
        TrigramBloom.Probe probe = TrigramBloom.Probe.of(hints);
        MergedEntryIterator it = new MergedEntryIterator(direction, from, through, probe);
        long ordinal = 0;
        List<ChunkRef> flushed = new ArrayList<>();
        for (ChunkRef ref : snap.view().flushed()) {
            if (flushedFilter.test(ref)) {
                flushed.add(ref);
            }
        }
        flushed.sort(Comparator.comparingLong(ChunkRef::minSeq));
        for (ChunkRef ref : flushed) {
            ordinal++;
            String key = ref.key(stream.tenant, stream.info.fingerprint());
            it.add(new ChunkSource(ref, key, ordinal * BLOCKS_PER_SOURCE, store, cache, counters));
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
            Counters counters) {
        int i = 0;
        for (SealedBlock b : blocks) {
            addBlock(it, b, b, ordinal * BLOCKS_PER_SOURCE + i++, cache, counters, it::add);
        }
    }

    static void addBlock(MergedEntryIterator it, SealedBlock b, Object cacheKey, long order, ChunkCache cache,
            Counters counters, Consumer<MergedEntryIterator.Source> sink) {
        if (!b.overlaps(it.from, it.through) || !it.probe.mayMatch(b.bloom)) {
            counters.skipped(1);
            return;
        }
        sink.accept(new MergedEntryIterator.Source(b.minT, b.maxT, order) {
            @Override
            void open(MergedEntryIterator m, Consumer<MergedEntryIterator.Source> sources) {
                m.addBlock(cache.block(cacheKey, b), order);
            }
        });
    }

    /** A flushed chunk; opening it fetches (or hits the cache) and expands it into its blocks. */
    private static final class ChunkSource extends MergedEntryIterator.Source {
        private final String key;
        private final ObjectStore store;
        private final ChunkCache cache;
        private final Counters counters;

        ChunkSource(ChunkRef ref, String key, long order, ObjectStore store, ChunkCache cache, Counters counters) {
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
                addBlock(m, blocks.get(i), new ChunkCache.BlockKey(key, i), order + i, cache, counters, sources);
            }
        }
    }

    /** Where scans report blocks skipped by summaries. */
    interface Counters {
        void skipped(long blocks);
    }
}
