package io.strata.storage;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A one-hash bloom filter over the byte trigrams of a block's lines. A line that contains a
 * substring contains all of the substring's trigrams, so if any trigram of a required substring
 * is absent from the filter no line of the block can match: skipping is sound. Substrings shorter
 * than three bytes prove nothing. With one hash function whose top bits index the filter, a filter
 * can be folded in half (merging adjacent bits) without losing soundness, so blocks start at
 * {@link #MAX_BITS} and are folded while sparse. See FORMAT.md.
 */
final class TrigramBloom {
    static final int MAX_BITS = 1 << 16;
    static final int MIN_BITS = 512;

    private TrigramBloom() {}

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /** The trigram {@code b0 | b1 << 8 | b2 << 16} hashed to 32 bits; a filter of 2^k bits uses the top k. */
    static int hash(int trigram) {
        return trigram * 0x9E3779B1;
    }

    /** Sets the bits of every trigram of the line into {@code words} (length MAX_BITS / 64). */
    static void addLine(long[] words, byte[] b, int off, int len) {
        int i = off;
        int end = off + len;
        while (i + 8 <= end) { // six trigrams from each 8-byte load
            long w = (long) LONGS.get(b, i);
            for (int k = 0; k < 6; k++) {
                int bit = hash((int) (w >>> (8 * k)) & 0xFFFFFF) >>> 16;
                words[bit >>> 6] |= 1L << bit;
            }
            i += 6;
        }
        for (; i + 2 < end; i++) {
            int bit = hash((b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8 | (b[i + 2] & 0xFF) << 16) >>> 16;
            words[bit >>> 6] |= 1L << bit;
        }
    }

    /**
     * Folds a full-size filter while it is sparse (under 1/8 of its bits set) or larger than a quarter
     * bit per byte of block data ({@code rawBytes}); returns a new array. Halving keeps one bit less of
     * the hash, so bits {@code 2i} and {@code 2i+1} merge into bit {@code i}.
     */
    static long[] fold(long[] words, int rawBytes) {
        int n = words.length;
        int bits = 0;
        for (long w : words) {
            bits += Long.bitCount(w);
        }
        long[] cur = words;
        while (n * 64 > MIN_BITS && (bits * 8L < (long) n * 64 || (long) n * 64 > rawBytes / 4)) {
            int half = n / 2;
            long[] next = new long[half];
            bits = 0;
            for (int j = 0; j < half; j++) {
                next[j] = compact(cur[2 * j]) | compact(cur[2 * j + 1]) << 32;
                bits += Long.bitCount(next[j]);
            }
            cur = next;
            n = half;
        }
        return cur == words ? words.clone() : cur;
    }

    /** Bit i of the result = bit 2i | bit 2i+1 of {@code w} (32 result bits). */
    static long compact(long w) {
        long x = (w | (w >>> 1)) & 0x5555555555555555L;
        x = (x | (x >>> 1)) & 0x3333333333333333L;
        x = (x | (x >>> 2)) & 0x0F0F0F0F0F0F0F0FL;
        x = (x | (x >>> 4)) & 0x00FF00FF00FF00FFL;
        x = (x | (x >>> 8)) & 0x0000FFFF0000FFFFL;
        return (x | (x >>> 16)) & 0x00000000FFFFFFFFL;
    }

    /** The trigram hashes a query needs, built once per query from its hints. */
    static final class Probe {
        static final Probe NONE = new Probe(new int[0][]);
        private final int[][] hashes;

        private Probe(int[][] hashes) {
            this.hashes = hashes;
        }

        static Probe of(ScanHints hints) {
            if (hints == null) {
                return NONE;
            }
            List<String> subs = hints.requiredSubstrings();
            int[][] out = new int[subs.size()][];
            int n = 0;
            for (String s : subs) {
                byte[] b = s.getBytes(StandardCharsets.UTF_8);
                if (b.length < 3) {
                    continue;
                }
                int[] hs = new int[b.length - 2];
                for (int i = 0; i + 2 < b.length; i++) {
                    hs[i] = hash((b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8 | (b[i + 2] & 0xFF) << 16);
                }
                out[n++] = hs;
            }
            return n == 0 ? NONE : new Probe(java.util.Arrays.copyOf(out, n));
        }

        boolean isEmpty() {
            return hashes.length == 0;
        }

        /** False only when the filter proves that no line contains all required substrings. */
        boolean mayMatch(long[] bloom) {
            if (bloom == null || bloom.length == 0) {
                return true;
            }
            int shift = 32 - Integer.numberOfTrailingZeros(bloom.length * 64);
            for (int[] hs : hashes) {
                for (int h : hs) {
                    int bit = h >>> shift;
                    if ((bloom[bit >>> 6] & (1L << bit)) == 0) {
                        return false;
                    }
                }
            }
            return true;
        }
    }
}
