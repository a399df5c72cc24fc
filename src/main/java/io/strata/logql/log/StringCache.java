package io.strata.logql.log;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Direct-mapped cache from byte strings to {@code String}s, so parsers do not allocate a new
 * key (or a new short value) per entry and equal label values share one instance (which makes
 * {@link LabelsBuilder#labels()} cache hits cheap). A slot that collides is overwritten. Owned by
 * one stage; not thread-safe.
 */
final class StringCache {
    private static final int SLOTS = 1024;
    private final byte[][] keys = new byte[SLOTS][];
    private final String[] values = new String[SLOTS];

    /** The cached string for bytes {@code b[s, e)}, computing it with {@code decode} on a miss. */
    String get(byte[] b, int s, int e, Decoder decode) {
        int h = 1;
        for (int i = s; i < e; i++) {
            h = 31 * h + b[i];
        }
        int slot = (h ^ (h >>> 16)) & (SLOTS - 1);
        byte[] k = keys[slot];
        if (k != null && Arrays.equals(k, 0, k.length, b, s, e)) {
            return values[slot];
        }
        String v = decode.decode(b, s, e);
        keys[slot] = Arrays.copyOfRange(b, s, e);
        values[slot] = v;
        return v;
    }

    /** Plain UTF-8 decoding. */
    String get(byte[] b, int s, int e) {
        return get(b, s, e, (x, from, to) -> new String(x, from, to - from, StandardCharsets.UTF_8));
    }

    /** How a miss is decoded. */
    interface Decoder {
        String decode(byte[] b, int s, int e);
    }
}
