package io.strata.storage;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A one-hash bloom filter over the byte trigrams of a block's lines. A line that contains a
 * substring contains all of the substring's trigrams, so if any trigram of a required substring
 * is absent from the filter no line of the block can match: skipping is sound. Substrings shorter
 * than three bytes prove nothing. With one hash function a filter can be folded in half (OR of the
 * halves) without losing soundness, so blocks start at {@link #MAX_BITS} and are folded while
 * sparse. See FORMAT.md.
 */
final class TrigramBloom {
    static final int MAX_BITS = 1 << 16;
    static final int MIN_BITS = 512;

    private TrigramBloom() {}

    static int hash(int trigram) {
        int h = trigram * 0x9E3779B1;
        return h ^ (h >>> 15);
    }

    /** Sets the bits of every trigram of the line into {@code words} (length MAX_BITS / 64). */
    static void addLine(long[] words, byte[] b, int off, int len) {
        if (len < 3) {
            return;
        }
        int t = (b[off] & 0xFF) << 8 | (b[off + 1] & 0xFF);
        int mask = MAX_BITS - 1;
        for (int i = off + 2, end = off + len; i < end; i++) {
            t = ((t << 8) | (b[i] & 0xFF)) & 0xFFFFFF;
            int bit = hash(t) & mask;
            words[bit >>> 6] |= 1L << bit;
        }
    }

    /**
     * Folds a full-size filter while it is sparse (under 1/8 of its bits set) or larger than a quarter
     * bit per byte of block data ({@code rawBytes}); returns a new array.
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
            for (int i = 0; i < half; i++) {
                next[i] = cur[i] | cur[i + half];
                bits += Long.bitCount(next[i]);
            }
            cur = next;
            n = half;
        }
        return cur == words ? words.clone() : cur;
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
                    hs[i] = hash((b[i] & 0xFF) << 16 | (b[i + 1] & 0xFF) << 8 | (b[i + 2] & 0xFF));
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
            int mask = bloom.length * 64 - 1;
            for (int[] hs : hashes) {
                for (int h : hs) {
                    int bit = h & mask;
                    if ((bloom[bit >>> 6] & (1L << bit)) == 0) {
                        return false;
                    }
                }
            }
            return true;
        }
    }
}
