package io.strata.storage;

import io.strata.model.Labels;
import java.nio.charset.StandardCharsets;

/**
 * The entry "body" shared by WAL records and blocks: {@code varint lineLen, line, varint n,
 * n × (varint len, name, varint len, value)}; and the label-set encoding used by WAL records and
 * index segments. See FORMAT.md.
 */
final class EntryCodec {
    private EntryCodec() {}

    static void writeBody(ByteWriter w, byte[] line, Labels metadata) {
        w.varint(line.length);
        w.bytes(line, 0, line.length);
        writeLabels(w, metadata);
    }

    static void writeLabels(ByteWriter w, Labels labels) {
        int n = labels.size();
        w.varint(n);
        for (int i = 0; i < n; i++) {
            w.string(labels.name(i));
            w.string(labels.value(i));
        }
    }

    static Labels readLabels(ByteReader r) {
        int n = r.varint32();
        if (n == 0) {
            return Labels.EMPTY;
        }
        Labels.Builder b = Labels.builder();
        for (int i = 0; i < n; i++) {
            b.set(r.string(), r.string());
        }
        return b.build();
    }

    /** Offset just past the body that starts at {@code off}. */
    static int skipBody(byte[] data, int off, int limit) {
        ByteReader r = new ByteReader(data, off, limit);
        int len = r.varint32();
        r.skip(len);
        int n = r.varint32();
        for (int i = 0; i < 2 * n; i++) {
            r.skip(r.varint32());
        }
        return r.position();
    }

    /** Offset just past the label set (count and pairs) that starts at {@code off}. */
    static int skipLabels(byte[] data, int off, int limit) {
        ByteReader r = new ByteReader(data, off, limit);
        int n = r.varint32();
        for (int i = 0; i < 2 * n; i++) {
            r.skip(r.varint32());
        }
        return r.position();
    }

    /** Offset of the line bytes of the body at {@code off}; the length is {@link #lineLength}. */
    static int lineOffset(byte[] data, int off) {
        int p = off;
        while (data[p] < 0) {
            p++;
        }
        return p + 1;
    }

    static int lineLength(byte[] data, int off) {
        int v = 0;
        int shift = 0;
        int p = off;
        byte b;
        do {
            b = data[p++];
            v |= (b & 0x7F) << shift;
            shift += 7;
        } while (b < 0);
        return v;
    }

    /** Structured metadata of the body at {@code off}. */
    static Labels readMetadata(byte[] data, int off) {
        int lineOff = lineOffset(data, off);
        int end = lineOff + lineLength(data, off);
        if (data[end] == 0) {
            return Labels.EMPTY;
        }
        return readLabels(new ByteReader(data, end, data.length));
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
