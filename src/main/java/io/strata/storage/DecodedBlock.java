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

    /** Parses the uncompressed block format: per entry a zigzag varint timestamp delta and a body. */
    static DecodedBlock parse(byte[] raw, int rawLen, int expectedEntries) {
        long[] ts = new long[expectedEntries];
        int[] off = new int[expectedEntries];
        ByteReader r = new ByteReader(raw, 0, rawLen);
        long prev = 0;
        int n = 0;
        while (r.hasRemaining()) {
            if (n == ts.length) {
                ts = Arrays.copyOf(ts, Math.max(16, n * 2));
                off = Arrays.copyOf(off, ts.length);
            }
            prev += r.zigzag();
            ts[n] = prev;
            off[n] = r.position();
            r.position(EntryCodec.skipBody(raw, r.position(), rawLen));
            n++;
        }
        if (n != expectedEntries) {
            throw new CorruptDataException("block holds " + n + " entries, expected " + expectedEntries);
        }
        return new DecodedBlock(raw, ts, off, n);
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
