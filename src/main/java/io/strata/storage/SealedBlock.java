package io.strata.storage;

import java.io.IOException;
import java.util.zip.CRC32C;
import org.xerial.snappy.Snappy;

/**
 * One compressed block: a slice {@code [offset, offset + compressedLength)} of {@code data}
 * (a head block's own array, or a whole chunk), with its summary: entry count, time range
 * {@code [minT, maxT]} (inclusive), CRC32C of the compressed bytes and a trigram bloom filter.
 * Immutable; identity matters (head blocks are cache keys).
 */
final class SealedBlock {
    final byte[] data;
    final int offset;
    final int compressedLength;
    final int rawLength;
    final int entries;
    final long minT;
    final long maxT;
    final int crc;
    final long[] bloom;

    SealedBlock(byte[] data, int offset, int compressedLength, int rawLength, int entries, long minT, long maxT,
            int crc, long[] bloom) {
        this.data = data;
        this.offset = offset;
        this.compressedLength = compressedLength;
        this.rawLength = rawLength;
        this.entries = entries;
        this.minT = minT;
        this.maxT = maxT;
        this.crc = crc;
        this.bloom = bloom;
    }

    boolean overlaps(long from, long through) {
        return maxT >= from && minT < through;
    }

    /** Memory held by this block in the head. */
    long footprint() {
        return compressedLength + (long) bloom.length * 8 + 96;
    }

    /** Verifies the checksum, decompresses and indexes the entries. */
    DecodedBlock decode() {
        CRC32C c = new CRC32C();
        c.update(data, offset, compressedLength);
        if ((int) c.getValue() != crc) {
            throw new CorruptDataException("block checksum mismatch");
        }
        byte[] raw = new byte[rawLength];
        try {
            int n = Snappy.uncompress(data, offset, compressedLength, raw, 0);
            if (n != rawLength) {
                throw new CorruptDataException("block decompressed to " + n + " bytes, expected " + rawLength);
            }
        } catch (IOException e) {
            throw new CorruptDataException("block does not decompress: " + e.getMessage());
        }
        return DecodedBlock.parse(raw, rawLength, entries);
    }
}
