package io.strata.storage;

import io.strata.model.Labels;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * An immutable label-index segment: for one tenant and index period, the streams (labels) that
 * got chunks in one flush and those chunks' refs. Layout in FORMAT.md.
 */
record IndexSegment(String tenant, long periodStart, List<StreamChunks> streams) {
    static final int MAGIC = 0x49525453; // "STRI" little-endian
    static final int VERSION = 1;

    /** The chunks of one stream in a segment. */
    record StreamChunks(Labels labels, List<ChunkRef> chunks) {
        StreamChunks {
            chunks = List.copyOf(chunks);
        }
    }

    IndexSegment {
        streams = List.copyOf(streams);
    }

    /** {@code <tenant>/index/<period start>/<writer id>-<sequence>.idx}; the period start is in ns. */
    static String key(String tenant, long periodStart, String writerId, long sequence) {
        return tenant + "/index/" + periodStart + "/" + writerId + "-" + String.format("%012d", sequence) + ".idx";
    }

    byte[] encode() {
        ByteWriter w = new ByteWriter(256);
        w.u32(MAGIC);
        w.u8(VERSION);
        w.string(tenant);
        w.u64(periodStart);
        w.varint(streams.size());
        for (StreamChunks s : streams) {
            EntryCodec.writeLabels(w, s.labels());
            w.varint(s.chunks().size());
            for (ChunkRef c : s.chunks()) {
                w.varint(c.shard());
                w.u64(c.from());
                w.u64(c.through());
                w.u32(c.checksum());
                w.varint(c.compressedBytes());
                w.varint(c.rawBytes());
                w.varint(c.entries());
                w.varint(c.minSeq());
                w.varint(c.maxSeq());
            }
        }
        CRC32C crc = new CRC32C();
        crc.update(w.buffer(), 0, w.position());
        w.u32((int) crc.getValue());
        return w.toArray();
    }

    static IndexSegment decode(byte[] b) {
        if (b.length < 9 || ByteReader.getU32(b, 0) != MAGIC) {
            throw new CorruptDataException("not an index segment");
        }
        CRC32C crc = new CRC32C();
        crc.update(b, 0, b.length - 4);
        if ((int) crc.getValue() != ByteReader.getU32(b, b.length - 4)) {
            throw new CorruptDataException("index segment checksum mismatch");
        }
        ByteReader r = new ByteReader(b, 0, b.length - 4);
        r.u32();
        int version = r.u8();
        if (version != VERSION) {
            throw new CorruptDataException("unsupported index segment version " + version);
        }
        String tenant = r.string();
        long period = r.u64();
        int n = r.varint32();
        List<StreamChunks> streams = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Labels labels = EntryCodec.readLabels(r);
            int m = r.varint32();
            List<ChunkRef> refs = new ArrayList<>(m);
            for (int k = 0; k < m; k++) {
                refs.add(new ChunkRef(r.varint32(), r.u64(), r.u64(), r.u32(), r.varint32(), r.varint(),
                        r.varint32(), r.varint(), r.varint()));
            }
            streams.add(new StreamChunks(labels, refs));
        }
        return new IndexSegment(tenant, period, streams);
    }
}
