package io.strata.storage;

import io.strata.model.Labels;
import java.util.Arrays;

/**
 * Decoded structured metadata of one reader, keyed by the encoded bytes: most entries carry one of
 * a few metadata sets (e.g. {@code detected_level="info"}), so decoding them once per reader instead
 * of once per entry saves two Strings and a {@link Labels} per entry, and hands consumers the same
 * instance for equal metadata (identity checks then replace hashing). A 16-slot direct-mapped
 * table; encodings longer than {@value #MAX_KEY} bytes are decoded every time. Not thread-safe.
 */
final class MetadataCache {
    private static final int SLOTS = 16;
    static final int MAX_KEY = 192;

    private final byte[][] keys = new byte[SLOTS][];
    private final Labels[] values = new Labels[SLOTS];

    /** The label set encoded at {@code [off, end)} of {@code data} (a count and name/value pairs). */
    Labels labels(byte[] data, int off, int end) {
        if (data[off] == 0) {
            return Labels.EMPTY;
        }
        int len = end - off;
        if (len > MAX_KEY) {
            return EntryCodec.readLabels(new ByteReader(data, off, end));
        }
        int h = 1;
        for (int i = off; i < end; i++) {
            h = 31 * h + data[i];
        }
        int slot = (h ^ (h >>> 16)) & (SLOTS - 1);
        byte[] k = keys[slot];
        if (k != null && Arrays.equals(k, 0, k.length, data, off, end)) {
            return values[slot];
        }
        Labels l = EntryCodec.readLabels(new ByteReader(data, off, end));
        keys[slot] = Arrays.copyOfRange(data, off, end);
        values[slot] = l;
        return l;
    }
}
