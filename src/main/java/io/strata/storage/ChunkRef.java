package io.strata.storage;

/**
 * A flushed chunk of one stream, as recorded in index segments.
 *
 * @param shard the shard directory in the chunk key
 * @param from earliest entry timestamp (ns, inclusive)
 * @param through latest entry timestamp (ns, inclusive)
 * @param checksum CRC32C of the whole chunk object
 * @param compressedBytes size of the chunk object
 * @param rawBytes uncompressed size of its blocks
 * @param entries number of entries
 * @param minSeq lowest WAL sequence number whose entries it holds
 * @param maxSeq highest WAL sequence number whose entries it holds; WAL records of the stream
 *     within {@code [minSeq, maxSeq]} are skipped by replay
 */
record ChunkRef(int shard, long from, long through, int checksum, int compressedBytes, long rawBytes,
        int entries, long minSeq, long maxSeq) {

    /** {@code <tenant>/chunks/<shard>/<fingerprint hex>/<from>-<through>-<checksum hex>}. */
    String key(String tenant, long fingerprint) {
        return tenant + "/chunks/" + shard + "/" + String.format("%016x", fingerprint) + "/" + from + "-" + through
                + "-" + String.format("%08x", checksum);
    }

    boolean overlaps(long fromNanos, long throughNanos) {
        return through >= fromNanos && from < throughNanos;
    }

    boolean coversSeq(long seq) {
        return seq >= minSeq && seq <= maxSeq;
    }
}
