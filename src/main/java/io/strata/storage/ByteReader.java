package io.strata.storage;

import java.nio.charset.StandardCharsets;

/** Reads what {@link ByteWriter} wrote; any overrun throws {@link CorruptDataException}. */
final class ByteReader {
    private final byte[] buf;
    private int pos;
    private final int limit;

    ByteReader(byte[] buf, int pos, int limit) {
        this.buf = buf;
        this.pos = pos;
        this.limit = limit;
    }

    ByteReader(byte[] buf) {
        this(buf, 0, buf.length);
    }

    int position() {
        return pos;
    }

    void position(int p) {
        pos = p;
    }

    int remaining() {
        return limit - pos;
    }

    boolean hasRemaining() {
        return pos < limit;
    }

    private void need(int n) {
        if (n < 0 || pos + n > limit) {
            throw new CorruptDataException("truncated data at offset " + pos);
        }
    }

    int u8() {
        need(1);
        return buf[pos++] & 0xFF;
    }

    int u32() {
        need(4);
        int v = getU32(buf, pos);
        pos += 4;
        return v;
    }

    long u64() {
        need(8);
        long v = getU64(buf, pos);
        pos += 8;
        return v;
    }

    long varint() {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            need(1);
            byte b = buf[pos++];
            v |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return v;
            }
        }
        throw new CorruptDataException("bad varint at offset " + pos);
    }

    int varint32() {
        long v = varint();
        if (v < 0 || v > Integer.MAX_VALUE) {
            throw new CorruptDataException("varint out of range at offset " + pos);
        }
        return (int) v;
    }

    long zigzag() {
        long v = varint();
        return (v >>> 1) ^ -(v & 1);
    }

    /** Skips {@code n} bytes and returns the offset where they start. */
    int skip(int n) {
        need(n);
        int at = pos;
        pos += n;
        return at;
    }

    byte[] lenBytes() {
        int n = varint32();
        need(n);
        byte[] b = new byte[n];
        System.arraycopy(buf, pos, b, 0, n);
        pos += n;
        return b;
    }

    String string() {
        int n = varint32();
        need(n);
        String s = new String(buf, pos, n, StandardCharsets.UTF_8);
        pos += n;
        return s;
    }

    static int getU32(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8 | (b[at + 2] & 0xFF) << 16 | (b[at + 3] & 0xFF) << 24;
    }

    static long getU64(byte[] b, int at) {
        return (getU32(b, at) & 0xFFFFFFFFL) | ((long) getU32(b, at + 4) << 32);
    }
}
