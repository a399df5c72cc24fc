package io.strata.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Encodes a {@link PendingChunk} into a chunk object and parses one back into block slices
 * (no decompression). Layout in FORMAT.md.
 */
final class ChunkCodec {
    static final int MAGIC = 0x4B435453; // "STCK" little-endian
    static final int VERSION = 1;

    private ChunkCodec() {}

    static byte[] encode(PendingChunk chunk) {
        long size = 5;
        for (SealedBlock b : chunk.blocks()) {
            size += b.compressedLength + 64 + b.bloom.length * 8L;
        }
        ByteWriter w = new ByteWriter((int) Math.min(Integer.MAX_VALUE - 16, size + 32));
        w.u32(MAGIC);
        w.u8(VERSION);
        int[] offsets = new int[chunk.blocks().size()];
        int i = 0;
        for (SealedBlock b : chunk.blocks()) {
            offsets[i++] = w.position();
            w.bytes(b.data, b.offset, b.compressedLength);
        }
        int metaStart = w.position();
        w.varint(chunk.blocks().size());
        i = 0;
        for (SealedBlock b : chunk.blocks()) {
            w.varint(offsets[i++]);
            w.varint(b.compressedLength);
            w.varint(b.rawLength);
            w.varint(b.entries);
            w.u64(b.minT);
            w.u64(b.maxT);
            w.u32(b.crc);
            w.varint(b.bloom.length);
            for (long word : b.bloom) {
                w.u64(word);
            }
        }
        int metaLen = w.position() - metaStart;
        CRC32C c = new CRC32C();
        c.update(w.buffer(), metaStart, metaLen);
        w.u32(metaLen);
        w.u32((int) c.getValue());
        w.u32(MAGIC);
        return w.toArray();
    }

    static int checksum(byte[] chunk) {
        CRC32C c = new CRC32C();
        c.update(chunk, 0, chunk.length);
        return (int) c.getValue();
    }

    /** The blocks of a chunk object, as slices of {@code chunk}; verifies the meta checksum. */
    static List<SealedBlock> parse(byte[] chunk) {
        int n = chunk.length;
        if (n < 17 || ByteReader.getU32(chunk, 0) != MAGIC || ByteReader.getU32(chunk, n - 4) != MAGIC) {
            throw new CorruptDataException("not a chunk");
        }
        if (chunk[4] != VERSION) {
            throw new CorruptDataException("unsupported chunk version " + chunk[4]);
        }
        int metaLen = ByteReader.getU32(chunk, n - 12);
        int metaCrc = ByteReader.getU32(chunk, n - 8);
        int metaStart = n - 12 - metaLen;
        if (metaLen < 1 || metaStart < 5) {
            throw new CorruptDataException("bad chunk meta length");
        }
        CRC32C c = new CRC32C();
        c.update(chunk, metaStart, metaLen);
        if ((int) c.getValue() != metaCrc) {
            throw new CorruptDataException("chunk meta checksum mismatch");
        }
        ByteReader r = new ByteReader(chunk, metaStart, metaStart + metaLen);
        int count = r.varint32();
        List<SealedBlock> blocks = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int off = r.varint32();
            int clen = r.varint32();
            int rawLen = r.varint32();
            int entries = r.varint32();
            long minT = r.u64();
            long maxT = r.u64();
            int crc = r.u32();
            int words = r.varint32();
            if (words > TrigramBloom.MAX_BITS / 64 || off < 5 || off + (long) clen > metaStart) {
                throw new CorruptDataException("bad block meta");
            }
            long[] bloom = new long[words];
            for (int k = 0; k < words; k++) {
                bloom[k] = r.u64();
            }
            blocks.add(new SealedBlock(chunk, off, clen, rawLen, entries, minT, maxT, crc, bloom));
        }
        return blocks;
    }
}
