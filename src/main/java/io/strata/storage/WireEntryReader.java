package io.strata.storage;

import io.strata.model.EntryIterator;
import io.strata.model.Labels;
import io.strata.model.StrataException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * The lazy decoder behind {@link EntryStreamCodec#read}: a growable buffer refilled from the input
 * as entries are asked for. Each entry body stays contiguous in the buffer until the next call, so
 * the line is exposed without copying and metadata is decoded only when asked for. Bytes are added
 * to the running CRC32C as they are discarded, and the end marker's count and checksum are checked
 * before {@link #next} first returns false.
 */
final class WireEntryReader implements EntryIterator {
    private static final int MAX_BODY_BYTES = 1 << 30;
    private static final int MAX_PAIRS = 1 << 16;

    private final InputStream in;
    private final CRC32C crc = new CRC32C();
    private byte[] buf = new byte[64 * 1024];
    private int pos;
    private int limit;
    private int mark; // bytes before mark may be discarded (all consumed)
    private int crcPos; // bytes before crcPos are in the CRC
    private boolean started;
    private boolean done;
    private long count;
    private long ts;
    private int bodyOffset;
    private int lineOffset;
    private int lineLength;

    WireEntryReader(InputStream in) {
        this.in = in;
    }

    @Override
    public boolean next() {
        if (done) {
            return false;
        }
        try {
            if (!started) {
                started = true;
                ensure(5);
                if (ByteReader.getU32(buf, pos) != EntryStreamCodec.ENTRIES_MAGIC) {
                    throw fail("not an entry stream");
                }
                if ((buf[pos + 4] & 0xFF) != EntryStreamCodec.VERSION) {
                    throw fail("unsupported entry stream version " + (buf[pos + 4] & 0xFF));
                }
                pos += 5;
            }
            mark = pos;
            int tag = readByte();
            if (tag == EntryStreamCodec.TAG_END) {
                finish();
                return false;
            }
            if (tag != EntryStreamCodec.TAG_ENTRY) {
                throw fail("unknown tag " + tag);
            }
            ts += zigzag();
            mark = pos;
            bodyOffset = 0; // relative to mark until the body is complete (the buffer may move)
            int len = varint32(MAX_BODY_BYTES);
            int lineStart = pos - mark;
            skip(len);
            int pairs = varint32(MAX_PAIRS);
            for (int i = 0; i < 2 * pairs; i++) {
                skip(varint32(MAX_BODY_BYTES));
            }
            bodyOffset = mark;
            lineOffset = mark + lineStart;
            lineLength = len;
            count++;
            return true;
        } catch (StrataException e) {
            done = true;
            closeQuietly();
            throw e;
        }
    }

    private void finish() {
        long expected = varint();
        crc.update(buf, crcPos, pos - crcPos);
        crcPos = pos;
        mark = pos;
        ensure(4);
        int sum = ByteReader.getU32(buf, pos);
        pos += 4;
        done = true;
        if (expected != count) {
            throw fail("entry stream corrupt: " + count + " entries, end marker says " + expected);
        }
        if (sum != (int) crc.getValue()) {
            throw fail("entry stream corrupt (checksum mismatch)");
        }
    }

    /** Makes {@code n} bytes available at {@code pos}, compacting from {@code mark} and reading more. */
    private void ensure(int n) {
        if (limit - pos >= n) {
            return;
        }
        if (mark > 0) {
            crc.update(buf, crcPos, mark - crcPos);
            System.arraycopy(buf, mark, buf, 0, limit - mark);
            pos -= mark;
            limit -= mark;
            mark = 0;
            crcPos = 0;
        }
        try {
            while (limit - pos < n) {
                if (limit == buf.length) {
                    // grow with the data actually received, never by a (possibly corrupt) length up front
                    long grown = Math.min(buf.length * 2L, pos + (long) n);
                    buf = Arrays.copyOf(buf, (int) Math.min(grown, Integer.MAX_VALUE - 16));
                }
                int r = in.read(buf, limit, buf.length - limit);
                if (r < 0) {
                    throw fail("entry stream truncated after " + count + " entries");
                }
                limit += r;
            }
        } catch (IOException e) {
            throw fail("entry stream broken after " + count + " entries: " + e.getMessage());
        }
    }

    private int readByte() {
        ensure(1);
        return buf[pos++] & 0xFF;
    }

    private long varint() {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = readByte();
            v |= (long) (b & 0x7F) << shift;
            if (b < 0x80) {
                return v;
            }
        }
        throw fail("entry stream corrupt (bad varint)");
    }

    private int varint32(int max) {
        long v = varint();
        if (v < 0 || v > max) {
            throw fail("entry stream corrupt (length " + v + ")");
        }
        return (int) v;
    }

    private long zigzag() {
        long v = varint();
        return (v >>> 1) ^ -(v & 1);
    }

    private void skip(int n) {
        ensure(n);
        pos += n;
    }

    private static StrataException fail(String message) {
        return EntryStreamCodec.corrupt(message);
    }

    @Override
    public long timestamp() {
        return ts;
    }

    @Override
    public byte[] lineBuffer() {
        return buf;
    }

    @Override
    public int lineOffset() {
        return lineOffset;
    }

    @Override
    public int lineLength() {
        return lineLength;
    }

    @Override
    public Labels metadata() {
        try {
            return EntryCodec.readMetadata(buf, bodyOffset);
        } catch (CorruptDataException | IllegalArgumentException e) {
            throw fail("entry stream corrupt (metadata): " + e.getMessage());
        }
    }

    @Override
    public void close() {
        done = true;
        closeQuietly();
    }

    private void closeQuietly() {
        try {
            in.close();
        } catch (IOException ignored) {
            // nothing more to read
        }
    }
}
