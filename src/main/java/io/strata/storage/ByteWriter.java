package io.strata.storage;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A growable little-endian byte buffer with varints. Not thread-safe; owned by one writer at a time. */
final class ByteWriter {
    private byte[] buf;
    private int pos;

    ByteWriter(int capacity) {
        buf = new byte[Math.max(16, capacity)];
    }

    int position() {
        return pos;
    }

    byte[] buffer() {
        return buf;
    }

    void reset() {
        pos = 0;
    }

    void position(int p) {
        pos = p;
    }

    byte[] toArray() {
        return Arrays.copyOf(buf, pos);
    }

    void ensure(int n) {
        if (pos + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + n));
        }
    }

    void u8(int v) {
        ensure(1);
        buf[pos++] = (byte) v;
    }

    void u32(int v) {
        ensure(4);
        putU32(buf, pos, v);
        pos += 4;
    }

    void u64(long v) {
        ensure(8);
        putU64(buf, pos, v);
        pos += 8;
    }

    void varint(long v) {
        ensure(10);
        while ((v & ~0x7FL) != 0) {
            buf[pos++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        buf[pos++] = (byte) v;
    }

    void zigzag(long v) {
        varint((v << 1) ^ (v >> 63));
    }

    void bytes(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, buf, pos, len);
        pos += len;
    }

    /** Length-prefixed bytes. */
    void lenBytes(byte[] b) {
        varint(b.length);
        bytes(b, 0, b.length);
    }

    void string(String s) {
        lenBytes(s.getBytes(StandardCharsets.UTF_8));
    }

    static void putU32(byte[] b, int at, int v) {
        b[at] = (byte) v;
        b[at + 1] = (byte) (v >>> 8);
        b[at + 2] = (byte) (v >>> 16);
        b[at + 3] = (byte) (v >>> 24);
    }

    static void putU64(byte[] b, int at, long v) {
        putU32(b, at, (int) v);
        putU32(b, at + 4, (int) (v >>> 32));
    }
}
