package io.strata.storage;

import java.util.Arrays;

/**
 * Entries of one block in timestamp order, uncompressed: {@code data} holds the bodies (see
 * {@link EntryCodec}), {@code ts[i]} and {@code bodyOffset[i]} locate entry {@code i}. Immutable
 * once built, so cached instances are shared by concurrent readers.
 */
final class DecodedBlock {
    final byte[] data;
    final long[] ts;
    final int[] bodyOffset;
    final int count;

    DecodedBlock(byte[] data, long[] ts, int[] bodyOffset, int count) {
        this.data = data;
        this.ts = ts;
        this.bodyOffset = bodyOffset;
        this.count = count;
    }

    /**
     * Parses the uncompressed block format: per entry a zigzag varint timestamp delta and a body.
     * One pass over the bytes with inline varints (this runs for every entry of every scanned
     * block); a truncated or malformed block is a {@link CorruptDataException}.
     */
    static DecodedBlock parse(byte[] raw, int rawLen, int expectedEntries) {
        long[] ts = new long[expectedEntries];
        int[] off = new int[expectedEntries];
        long prev = 0;
        int n = 0;
        int p = 0;
        try {
            while (p < rawLen) {
                if (n == ts.length) {
                    ts = Arrays.copyOf(ts, Math.max(16, n * 2));
                    off = Arrays.copyOf(off, ts.length);
                }
                long v = raw[p++];
                if (v < 0) {
                    v &= 0x7F;
                    int shift = 7;
                    byte b;
                    do {
                        if (shift >= 64) {
                            throw new CorruptDataException("bad varint at offset " + p);
                        }
                        b = raw[p++];
                        v |= (long) (b & 0x7F) << shift;
                        shift += 7;
                    } while (b < 0);
                }
                prev += (v >>> 1) ^ -(v & 1);
                ts[n] = prev;
                off[n] = p;
                p = skipString(raw, p); // line
                int pairs = raw[p++];
                if (pairs < 0) {
                    p--;
                    long m = varint(raw, p);
                    if (m > Integer.MAX_VALUE / 2) {
                        throw new CorruptDataException("varint out of range at offset " + p);
                    }
                    pairs = (int) m;
                    p = skipVarint(raw, p);
                }
                for (int i = 0; i < 2 * pairs; i++) {
                    p = skipString(raw, p);
                }
                if (p > rawLen) {
                    throw new CorruptDataException("entry overruns the block at offset " + off[n]);
                }
                n++;
            }
        } catch (ArrayIndexOutOfBoundsException e) {
            throw new CorruptDataException("truncated block at offset " + p);
        }
        if (n != expectedEntries) {
            throw new CorruptDataException("block holds " + n + " entries, expected " + expectedEntries);
        }
        return new DecodedBlock(raw, ts, off, n);
    }

    /** Offset past a varint length and that many bytes. */
    private static int skipString(byte[] raw, int p) {
        int len = raw[p];
        if (len >= 0) {
            return p + 1 + len;
        }
        long l = varint(raw, p);
        if (l > Integer.MAX_VALUE) {
            throw new CorruptDataException("varint out of range at offset " + p);
        }
        return skipVarint(raw, p) + (int) l;
    }

    private static long varint(byte[] raw, int p) {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            byte b = raw[p++];
            v |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return v;
            }
        }
        throw new CorruptDataException("bad varint at offset " + p);
    }

    private static int skipVarint(byte[] raw, int p) {
        while (raw[p] < 0) {
            p++;
        }
        return p + 1;
    }

    /** First index whose timestamp is {@code >= t}. */
    int lowerBound(long t) {
        int lo = 0;
        int hi = count;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (ts[mid] < t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Approximate heap footprint, for the cache weigher. */
    int weight() {
        return data.length + count * 12 + 64;
    }
}
