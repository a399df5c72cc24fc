package io.strata.storage;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.strata.model.ErrorCategory;
import io.strata.model.StrataException;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * Two Caffeine caches bounded by bytes: fetched chunk objects (parsed into compressed block
 * slices) and decompressed blocks. Keys of decompressed blocks are a {@link BlockKey} for flushed
 * chunks and the {@link SealedBlock} itself for head blocks. Thread-safe.
 */
final class ChunkCache {
    static final long CHUNK_BYTES = Long.getLong("strata.storage.chunk-cache-bytes", 128L << 20);
    static final long BLOCK_BYTES = Long.getLong("strata.storage.block-cache-bytes", 256L << 20);

    /** A block of a flushed chunk. */
    record BlockKey(String chunkKey, int index) {}

    private final Cache<String, List<SealedBlock>> chunks;
    private final Cache<Object, DecodedBlock> blocks;
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final LongAdder decompressed = new LongAdder();

    ChunkCache(long chunkBytes, long blockBytes) {
        chunks = Caffeine.newBuilder()
                .maximumWeight(chunkBytes)
                .<String, List<SealedBlock>>weigher((k, v) -> v.isEmpty() ? 64 : v.get(0).data.length + 64)
                .build();
        blocks = Caffeine.newBuilder()
                .maximumWeight(blockBytes)
                .<Object, DecodedBlock>weigher((k, v) -> v.weight())
                .build();
    }

    /** The blocks of a flushed chunk, fetched from the store on a miss. */
    List<SealedBlock> chunk(String key, ObjectStore store) {
        List<SealedBlock> b = chunks.getIfPresent(key);
        if (b != null) {
            return b;
        }
        byte[] data = store.get(key).orElseThrow(() -> new StrataException(ErrorCategory.INTERNAL,
                "chunk " + key + " missing from object store " + store.describe()));
        try {
            b = ChunkCodec.parse(data);
        } catch (CorruptDataException e) {
            throw new StrataException(ErrorCategory.INTERNAL, "chunk " + key + " is corrupt: " + e.getMessage(), e);
        }
        chunks.put(key, b);
        return b;
    }

    DecodedBlock block(Object key, SealedBlock block) {
        DecodedBlock d = blocks.getIfPresent(key);
        if (d != null) {
            hits.increment();
            return d;
        }
        misses.increment();
        try {
            d = block.decode();
        } catch (CorruptDataException e) {
            throw new StrataException(ErrorCategory.INTERNAL, "corrupt block: " + e.getMessage(), e);
        }
        decompressed.increment();
        blocks.put(key, d);
        return d;
    }

    void invalidateAll() {
        chunks.invalidateAll();
        blocks.invalidateAll();
    }

    long hits() {
        return hits.sum();
    }

    long misses() {
        return misses.sum();
    }

    long decompressed() {
        return decompressed.sum();
    }
}
