package io.strata.storage;

import java.io.IOException;
import java.util.Arrays;
import java.util.zip.CRC32C;
import org.xerial.snappy.Snappy;

/**
 * The open (uncompressed) block of a stream's head: entry bodies appended in push order, with
 * their timestamps. Out-of-order entries are sorted (stably) when the block is sealed or read.
 * Owned by its {@link StoredStream}, whose monitor guards every call.
 */
final class HeadBlock {
    private static final ThreadLocal<SealScratch> SCRATCH = ThreadLocal.withInitial(SealScratch::new);

    private byte[] buf;
    private int len;
    private long[] ts;
    private int[] off;
    private int count;
    private boolean sorted = true;
    private long minT = Long.MAX_VALUE;
    private long maxT = Long.MIN_VALUE;

    /** A block sized for {@code bytes} and {@code entries} (hints from the stream's previous block). */
    HeadBlock(int bytes, int entries) {
        buf = new byte[Math.max(512, bytes)];
        ts = new long[Math.max(8, entries)];
        off = new int[ts.length];
    }

    void add(long t, byte[] src, int srcOff, int bodyLen) {
        if (len + bodyLen > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + bodyLen));
        }
        if (count == ts.length) {
            ts = Arrays.copyOf(ts, count * 2);
            off = Arrays.copyOf(off, count * 2);
        }
        System.arraycopy(src, srcOff, buf, len, bodyLen);
        if (count > 0 && t < ts[count - 1]) {
            sorted = false;
        }
        ts[count] = t;
        off[count] = len;
        count++;
        len += bodyLen;
        minT = Math.min(minT, t);
        maxT = Math.max(maxT, t);
    }

    /** Whether an entry with this timestamp and exactly this line is in the block. */
    boolean containsLine(long t, byte[] line) {
        if (count == 0 || t < minT || t > maxT) {
            return false;
        }
        for (int i = count - 1; i >= 0; i--) {
            long x = ts[i];
            if (x == t) {
                int lo = EntryCodec.lineOffset(buf, off[i]);
                if (Arrays.equals(buf, lo, lo + EntryCodec.lineLength(buf, off[i]), line, 0, line.length)) {
                    return true;
                }
            } else if (sorted && x < t) {
                return false;
            }
        }
        return false;
    }

    int count() {
        return count;
    }

    int rawBytes() {
        return len;
    }

    long minT() {
        return minT;
    }

    long maxT() {
        return maxT;
    }

    long footprint() {
        return buf.length + ts.length * 12L + 64;
    }

    /** Entry indexes in timestamp order, ties in push order. */
    private int[] order() {
        int[] idx = new int[count];
        for (int i = 0; i < count; i++) {
            idx[i] = i;
        }
        if (!sorted) {
            int[] tmp = new int[count];
            mergeSort(idx, tmp, 0, count);
        }
        return idx;
    }

    private void mergeSort(int[] a, int[] tmp, int lo, int hi) {
        if (hi - lo < 2) {
            return;
        }
        int mid = (lo + hi) >>> 1;
        mergeSort(a, tmp, lo, mid);
        mergeSort(a, tmp, mid, hi);
        if (ts[a[mid - 1]] <= ts[a[mid]]) {
            return;
        }
        System.arraycopy(a, lo, tmp, lo, hi - lo);
        int i = lo;
        int j = mid;
        for (int k = lo; k < hi; k++) {
            if (j >= hi || (i < mid && ts[tmp[i]] <= ts[tmp[j]])) {
                a[k] = tmp[i++];
            } else {
                a[k] = tmp[j++];
            }
        }
    }

    /** A sorted copy of the open block for a reader (taken under the stream's monitor). */
    DecodedBlock snapshot() {
        int[] idx = order();
        long[] t = new long[count];
        int[] o = new int[count];
        for (int i = 0; i < count; i++) {
            t[i] = ts[idx[i]];
            o[i] = off[idx[i]];
        }
        return new DecodedBlock(Arrays.copyOf(buf, len), t, o, count);
    }

    /** Encodes the entries in timestamp order, compresses them and builds the block summary. */
    SealedBlock seal() {
        SealScratch s = SCRATCH.get();
        int[] idx = order();
        ByteWriter w = s.raw;
        w.reset();
        long[] bloom = s.bloom;
        Arrays.fill(bloom, 0L);
        long prev = 0;
        for (int k = 0; k < count; k++) {
            int i = idx[k];
            int start = off[i];
            int end = i + 1 < count ? off[i + 1] : len;
            w.zigzag(ts[i] - prev);
            prev = ts[i];
            w.bytes(buf, start, end - start);
            int lineOff = EntryCodec.lineOffset(buf, start);
            TrigramBloom.addLine(bloom, buf, lineOff, EntryCodec.lineLength(buf, start));
        }
        int rawLen = w.position();
        int max = Snappy.maxCompressedLength(rawLen);
        if (s.compressed.length < max) {
            s.compressed = new byte[max];
        }
        int clen;
        try {
            clen = Snappy.compress(w.buffer(), 0, rawLen, s.compressed, 0);
        } catch (IOException e) {
            throw new IllegalStateException("snappy compression failed", e);
        }
        byte[] data = Arrays.copyOf(s.compressed, clen);
        CRC32C c = new CRC32C();
        c.update(data, 0, clen);
        return new SealedBlock(data, 0, clen, rawLen, count, minT, maxT, (int) c.getValue(),
                TrigramBloom.fold(bloom, rawLen));
    }

    /** Per-thread buffers for sealing, so that compression allocates only its result. */
    private static final class SealScratch {
        final ByteWriter raw = new ByteWriter(1 << 18);
        final long[] bloom = new long[TrigramBloom.MAX_BITS / 64];
        byte[] compressed = new byte[1 << 16];
    }
}
