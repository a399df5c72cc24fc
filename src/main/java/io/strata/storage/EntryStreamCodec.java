package io.strata.storage;

import io.strata.model.EntryIterator;
import io.strata.model.ErrorCategory;
import io.strata.model.Labels;
import io.strata.model.StrataException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Wire codec for shipping one stream's entries, or a list of streams, between Strata processes
 * (writers answering readers over HTTP). Layouts in FORMAT.md, "Wire streams": a magic and version,
 * entries as {@code tag, zigzag varint timestamp delta, entry body} (the body of WAL records and
 * blocks), an end marker with the entry count and a CRC32C of everything before it. A reader that
 * hits the end of input early, or a count or checksum mismatch, fails with UNAVAILABLE: a
 * truncated answer is never mistaken for a complete one.
 */
public final class EntryStreamCodec {
    static final int ENTRIES_MAGIC = 0x45525453; // "STRE" little-endian
    static final int STREAMS_MAGIC = 0x4c525453; // "STRL" little-endian
    static final int VERSION = 1;
    static final int TAG_END = 0;
    static final int TAG_ENTRY = 1;
    private static final int FLUSH_BYTES = 32 * 1024;

    private EntryStreamCodec() {}

    /** Writes every remaining entry of {@code it} and the end marker; flushes but closes neither. */
    public static void write(EntryIterator it, OutputStream out) {
        ByteWriter w = new ByteWriter(FLUSH_BYTES + 1024);
        CRC32C crc = new CRC32C();
        w.u32(ENTRIES_MAGIC);
        w.u8(VERSION);
        long prev = 0;
        long count = 0;
        try {
            while (it.next()) {
                long t = it.timestamp();
                w.u8(TAG_ENTRY);
                w.zigzag(t - prev);
                prev = t;
                int len = it.lineLength();
                w.varint(len);
                w.bytes(it.lineBuffer(), it.lineOffset(), len);
                EntryCodec.writeLabels(w, it.metadata());
                count++;
                if (w.position() >= FLUSH_BYTES) {
                    drain(w, crc, out);
                }
            }
            w.u8(TAG_END);
            w.varint(count);
            crc.update(w.buffer(), 0, w.position());
            w.u32((int) crc.getValue());
            out.write(w.buffer(), 0, w.position());
            out.flush();
        } catch (IOException e) {
            throw new StrataException(ErrorCategory.UNAVAILABLE, "cannot write entry stream: " + e.getMessage(), e);
        }
    }

    private static void drain(ByteWriter w, CRC32C crc, OutputStream out) throws IOException {
        crc.update(w.buffer(), 0, w.position());
        out.write(w.buffer(), 0, w.position());
        w.reset();
    }

    /**
     * A lazy cursor over what {@link #write} wrote: entries are decoded as {@link EntryIterator#next}
     * asks for them. {@code next} throws UNAVAILABLE on a truncated or corrupt stream (at the latest
     * at the end marker, whose count and checksum cover everything). Closing it closes {@code in}.
     */
    public static EntryIterator read(InputStream in) {
        return new WireEntryReader(in);
    }

    /** Writes a stream list (fingerprints and labels) with a checksum; flushes but does not close. */
    public static void writeStreams(List<StreamInfo> streams, OutputStream out) {
        ByteWriter w = new ByteWriter(256);
        w.u32(STREAMS_MAGIC);
        w.u8(VERSION);
        w.varint(streams.size());
        for (StreamInfo s : streams) {
            w.u64(s.fingerprint());
            EntryCodec.writeLabels(w, s.labels());
        }
        CRC32C crc = new CRC32C();
        crc.update(w.buffer(), 0, w.position());
        w.u32((int) crc.getValue());
        try {
            out.write(w.buffer(), 0, w.position());
            out.flush();
        } catch (IOException e) {
            throw new StrataException(ErrorCategory.UNAVAILABLE, "cannot write stream list: " + e.getMessage(), e);
        }
    }

    /** Reads what {@link #writeStreams} wrote (the whole input); UNAVAILABLE when truncated or corrupt. */
    public static List<StreamInfo> readStreams(InputStream in) {
        byte[] b;
        try {
            b = in.readAllBytes();
        } catch (IOException e) {
            throw corrupt("cannot read stream list: " + e.getMessage());
        }
        if (b.length < 9 || ByteReader.getU32(b, 0) != STREAMS_MAGIC) {
            throw corrupt("not a stream list");
        }
        CRC32C crc = new CRC32C();
        crc.update(b, 0, b.length - 4);
        if ((int) crc.getValue() != ByteReader.getU32(b, b.length - 4)) {
            throw corrupt("stream list truncated or corrupt (checksum mismatch)");
        }
        try {
            ByteReader r = new ByteReader(b, 4, b.length - 4);
            if (r.u8() != VERSION) {
                throw corrupt("unsupported stream list version");
            }
            int n = r.varint32();
            List<StreamInfo> out = new ArrayList<>(Math.min(n, 1 << 16));
            for (int i = 0; i < n; i++) {
                long fp = r.u64();
                Labels labels = EntryCodec.readLabels(r);
                out.add(new StreamInfo(fp, labels));
            }
            if (r.hasRemaining()) {
                throw corrupt("stream list has trailing bytes");
            }
            return out;
        } catch (CorruptDataException e) {
            throw corrupt("stream list corrupt: " + e.getMessage());
        }
    }

    static StrataException corrupt(String message) {
        return new StrataException(ErrorCategory.UNAVAILABLE, message);
    }
}
