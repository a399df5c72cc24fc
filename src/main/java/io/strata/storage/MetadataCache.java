package io.strata.storage;

import io.strata.model.Labels;
import java.util.Arrays;

/**
 * Decoded structured metadata of one reader, keyed by the encoded bytes: most entries carry one of
 * a few metadata sets (e.g. {@code detected_level="info"}), so decoding them once per reader instead
 * of once per entry saves two Strings and a {@link Labels} per entry, and hands consumers the same
 * instance for equal metadata (identity checks then replace hashing). The encoding is
 * self-delimiting (a count, then length-prefixed strings), so bytes at {@code off} that start with
 * a cached key <em>are</em> that key: a hit costs one vectorised comparison and no parsing. Holds
 * the {@value #SLOTS} most recently decoded sets up to {@value #MAX_KEY} bytes each (longer ones
 * are decoded every time). Not thread-safe.
 */
final class MetadataCache {
    private static final int SLOTS = 8;
    static final int MAX_KEY = 192;

    private final byte[][] keys = new byte[SLOTS][];
    private final Labels[] values = new Labels[SLOTS];
    private int size;
    private int last;
    private int victim;

    /** The label set encoded at {@code off} of {@code data} (a count and name/value pairs) before {@code limit}. */
    Labels labels(byte[] data, int off, int limit) {
        if (data[off] == 0) {
            return Labels.EMPTY;
        }
        if (matches(keys[last], data, off, limit)) {
            return values[last];
        }
        for (int i = 0; i < size; i++) {
            if (i != last && matches(keys[i], data, off, limit)) {
                last = i;
                return values[i];
            }
        }
        int end = EntryCodec.skipLabels(data, off, limit);
        Labels l = EntryCodec.readLabels(new ByteReader(data, off, end));
        if (end - off <= MAX_KEY) {
            int slot = size < SLOTS ? size++ : victim++ % SLOTS;
            keys[slot] = Arrays.copyOfRange(data, off, end);
            values[slot] = l;
            last = slot;
        }
        return l;
    }

    private static boolean matches(byte[] key, byte[] data, int off, int limit) {
        return key != null && off + key.length <= limit && Arrays.equals(key, 0, key.length, data, off, off + key.length);
    }
}
