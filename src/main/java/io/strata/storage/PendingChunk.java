package io.strata.storage;

import java.util.List;

/**
 * A head chunk that was cut and waits to be written to the object store. Immutable. Its blocks
 * stay readable from the head until the flush publishes the {@link ChunkRef} in its place.
 */
record PendingChunk(List<SealedBlock> blocks, long minT, long maxT, int entries, long rawBytes,
        long compressedBytes, long minSeq, long maxSeq, String reason) {

    PendingChunk {
        blocks = List.copyOf(blocks);
    }
}
