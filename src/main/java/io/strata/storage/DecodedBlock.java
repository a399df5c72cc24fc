package io.strata.storage;

import io.strata.model.Labels;
import java.util.Arrays;

/**
 * Entries of one block in timestamp order, uncompressed: {@code data} holds the bodies (see
 * {@link EntryCodec}); entry {@code i} has timestamp {@code ts[i]}, its line at
 * {@code data[lineOffset[i], lineOffset[i] + lineLength[i])} and its structured metadata at
 * {@code metadataTable[metadataIndex[i]]} — the block's distinct metadata sets are decoded once
 * when the block is parsed, so readers never touch the entry bytes for metadata (index
 * {@link #UNDECODED}: a set too long or too rare for the table, decoded by the reader from the bytes
 * after the line). Immutable once built, so cached instances are shared by concurrent readers.
 */
final class DecodedBlock {
    /** {@link #metadataIndex} of an entry whose metadata is not in the table. */
    static final int UNDECODED = -1;
    /** Distinct metadata sets kept per block (index 0 is the empty set). */
    private static final int TABLE = 16;

    final byte[] data;
    final long[] ts;
    final int[] lineOffset;
    final int[] lineLength;
    final byte[] metadataIndex;
    final Labels[] metadataTable;
    final int count;

    /** A block of {@code count} entries whose bodies start at {@code bodyOffset[i]} of {@code data}. */
    DecodedBlock(byte[] data, long[] ts, int[] bodyOffset, int count) {
        this.data = data;
        this.ts = ts;
        this.count = count;
        this.lineOffset = new int[count];
        this.lineLength = new int[count];
        this.metadataIndex = new byte[count];
        Table table = new Table();
        for (int i = 0; i < count; i++) {
            int body = bodyOffset[i];
            lineOffset[i] = EntryCodec.lineOffset(data, body);
            lineLength[i] = EntryCodec.lineLength(data, body);
            metadataIndex[i] = table.index(data, lineOffset[i] + lineLength[i], data.length);
        }
        this.metadataTable = table.labels();
    }

    private DecodedBlock(byte[] data, long[] ts, int[] lineOffset, int[] lineLength, byte[] metadataIndex,
            Labels[] metadataTable, int count) {
        this.data = data;
        this.ts = ts;
        this.lineOffset = lineOffset;
        this.lineLength = lineLength;
        this.metadataIndex = metadataIndex;
        this.metadataTable = metadataTable;
        this.count = count;
    }

    /**
     * Parses the uncompressed block format: per entry a zigzag varint timestamp delta and a body.
     * One pass over the bytes with inline varints (this runs for every entry of every scanned
     * block); a truncated or malformed block is a {@link CorruptDataException}.
     */
    static DecodedBlock parse(byte[] raw, int rawLen, int expectedEntries) {
        int cap = Math.max(1, expectedEntries);
        long[] ts = new long[cap];
        int[] lineOff = new int[cap];
        int[] lineLen = new int[cap];
        byte[] meta = new byte[cap];
        Table table = new Table();
        long prev = 0;
        int n = 0;
        int p = 0;
        try {
            while (p < rawLen) {
                if (n == ts.length) {
                    int grown = n * 2;
                    ts = Arrays.copyOf(ts, grown);
                    lineOff = Arrays.copyOf(lineOff, grown);
                    lineLen = Arrays.copyOf(lineLen, grown);
                    meta = Arrays.copyOf(meta, grown);
                }
                int entry = p;
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
                int len = raw[p];
                if (len >= 0) {
                    p++;
                } else {
                    long l = varint(raw, p);
                    if (l > Integer.MAX_VALUE) {
                        throw new CorruptDataException("varint out of range at offset " + p);
                    }
                    len = (int) l;
                    p = skipVarint(raw, p);
                }
                lineOff[n] = p;
                lineLen[n] = len;
                p += len;
                if (p < 0 || p >= rawLen) {
                    throw new CorruptDataException("entry overruns the block at offset " + entry);
                }
                int metadataStart = p;
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
                if (p < 0 || p > rawLen) {
                    throw new CorruptDataException("entry overruns the block at offset " + entry);
                }
                meta[n] = pairs == 0 ? 0 : table.index(raw, metadataStart, p);
                n++;
            }
        } catch (ArrayIndexOutOfBoundsException e) {
            throw new CorruptDataException("truncated block at offset " + p);
        }
        if (n != expectedEntries) {
            throw new CorruptDataException("block holds " + n + " entries, expected " + expectedEntries);
        }
        return new DecodedBlock(raw, ts, lineOff, lineLen, meta, table.labels(), n);
    }

    /**
     * Offset of entry {@code i}'s body (the varint line length that precedes the line): block writers
     * always write minimal varints, so it is the line offset minus the length's varint size.
     */
    int bodyOffset(int i) {
        int len = lineLength[i];
        int size = 1;
        while ((len >>>= 7) != 0) {
            size++;
        }
        return lineOffset[i] - size;
    }

    /** Offset just past entry {@code i}'s body (line and structured metadata). */
    int bodyEnd(int i) {
        return EntryCodec.skipLabels(data, lineOffset[i] + lineLength[i], data.length);
    }

    /** The metadata of entry {@code i}, decoded through {@code cache} when not in the block's table. */
    Labels metadata(int i, MetadataCache cache) {
        int m = metadataIndex[i];
        if (m != UNDECODED) {
            return metadataTable[m];
        }
        return cache.labels(data, lineOffset[i] + lineLength[i], data.length);
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
        return data.length + count * 17 + metadataTable.length * 64 + 96;
    }

    /**
     * The distinct metadata sets of one block being parsed, matched by their encoded bytes (the
     * encoding is self-delimiting, so a key that prefixes the bytes at an offset is the set there).
     */
    private static final class Table {
        private final byte[][] keys = new byte[TABLE][];
        private final Labels[] labels = new Labels[TABLE];
        private int size = 1;
        private int last;

        Table() {
            keys[0] = new byte[] {0};
            labels[0] = Labels.EMPTY;
        }

        /** The table index of the set encoded at {@code off} (ending before {@code limit}), or UNDECODED. */
        byte index(byte[] data, int off, int limit) {
            if (data[off] == 0) {
                return 0;
            }
            if (matches(keys[last], data, off, limit)) {
                return (byte) last;
            }
            for (int i = 1; i < size; i++) {
                if (matches(keys[i], data, off, limit)) {
                    last = i;
                    return (byte) i;
                }
            }
            if (size == TABLE) {
                return UNDECODED;
            }
            int end = EntryCodec.skipLabels(data, off, limit);
            if (end - off > MetadataCache.MAX_KEY) {
                return UNDECODED;
            }
            keys[size] = Arrays.copyOfRange(data, off, end);
            labels[size] = EntryCodec.readLabels(new ByteReader(data, off, end));
            last = size;
            return (byte) size++;
        }

        Labels[] labels() {
            return Arrays.copyOf(labels, size);
        }

        private static boolean matches(byte[] key, byte[] data, int off, int limit) {
            return off + key.length <= limit && Arrays.equals(key, 0, key.length, data, off, off + key.length);
        }
    }
}
