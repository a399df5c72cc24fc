package io.strata.logql.log;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Fast search for one byte string inside byte slices, with no allocation per call.
 *
 * <p>Algorithm: pick the needle byte that is rarest in typical log text (a static rank table:
 * punctuation and upper case rarer than lower case, digits and space), scan the haystack for it
 * eight bytes at a time with a SWAR "has byte" test on little-endian longs, and verify each
 * candidate with the vectorised {@link Arrays#equals(byte[], int, int, byte[], int, int)}. With
 * {@code caseInsensitive} (ASCII only; the needle must be ASCII) candidates are found with the
 * {@code | 0x20} trick when the rare byte is a letter, and verified by ASCII case folding.
 */
public final class ByteSearcher {
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    private final byte[] needle;
    private final boolean caseInsensitive;
    private final int rareIndex;
    private final long pattern;
    private final long foldMask;
    private final byte rare;

    public ByteSearcher(String needle, boolean caseInsensitive) {
        this(needle.getBytes(StandardCharsets.UTF_8), caseInsensitive);
    }

    public ByteSearcher(byte[] needle, boolean caseInsensitive) {
        this.caseInsensitive = caseInsensitive;
        byte[] n = needle.clone();
        if (caseInsensitive) {
            for (int i = 0; i < n.length; i++) {
                n[i] = lower(n[i]);
            }
        }
        this.needle = n;
        int best = 0;
        int bestRank = Integer.MAX_VALUE;
        for (int i = 0; i < n.length; i++) {
            int r = rank(n[i]);
            if (r <= bestRank) { // prefer later positions on ties: fewer early false candidates
                bestRank = r;
                best = i;
            }
        }
        this.rareIndex = best;
        this.rare = n.length == 0 ? 0 : n[best];
        boolean letter = caseInsensitive && rare >= 'a' && rare <= 'z';
        this.foldMask = letter ? 0x2020202020202020L : 0;
        this.pattern = (rare & 0xFFL) * ONES;
    }

    public int needleLength() {
        return needle.length;
    }

    public boolean contains(byte[] h, int off, int len) {
        return indexOf(h, off, len) >= 0;
    }

    /** Index (absolute, within {@code h}) of the first occurrence in {@code h[off, off+len)}, or -1. */
    public int indexOf(byte[] h, int off, int len) {
        int n = needle.length;
        if (n == 0) {
            return off;
        }
        if (len < n) {
            return -1;
        }
        int first = off + rareIndex;              // first position the rare byte may sit at
        int last = off + len - n + rareIndex;     // last one (inclusive)
        int i = first;
        long fold = foldMask;
        while (i + 8 <= last + 1) {
            long w = (long) LONG.get(h, i) | fold;
            long x = w ^ pattern;
            long t = (x - ONES) & ~x & HIGHS;
            while (t != 0) {
                int s = i + (Long.numberOfTrailingZeros(t) >>> 3) - rareIndex;
                if (verify(h, s)) {
                    return s;
                }
                t &= t - 1;
            }
            i += 8;
        }
        byte fb = rare;
        for (; i <= last; i++) {
            byte c = h[i];
            if ((caseInsensitive ? lower(c) : c) == fb && verify(h, i - rareIndex)) {
                return i - rareIndex;
            }
        }
        return -1;
    }

    private boolean verify(byte[] h, int s) {
        int n = needle.length;
        if (!caseInsensitive) {
            return Arrays.equals(h, s, s + n, needle, 0, n);
        }
        for (int k = 0; k < n; k++) {
            if (lower(h[s + k]) != needle[k]) {
                return false;
            }
        }
        return true;
    }

    private static byte lower(byte c) {
        return c >= 'A' && c <= 'Z' ? (byte) (c + 32) : c;
    }

    private static int rank(byte b) {
        int c = b & 0xFF;
        if (c == ' ') {
            return 100;
        }
        if (c >= 'a' && c <= 'z') {
            return "etaoinsrhldcumfpgwybvkxjqz".indexOf(c) + 60;
        }
        if (c >= '0' && c <= '9') {
            return 50;
        }
        if (c == '=' || c == '"' || c == '.' || c == '/' || c == ':' || c == ',' || c == '-' || c == '_') {
            return 40;
        }
        if (c >= 'A' && c <= 'Z') {
            return 20;
        }
        return 10;
    }
}
