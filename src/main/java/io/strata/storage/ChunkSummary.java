package io.strata.storage;

import java.util.ArrayList;
import java.util.List;

/**
 * The index-level size of one chunk of a stream, for {@code index/stats} and volumes without
 * reading entries (see query/INDEX_STATS.md).
 *
 * @param fromNanos first entry timestamp (inclusive)
 * @param throughNanos last entry timestamp (inclusive)
 * @param bytes uncompressed size: for flushed, cut and sealed data the raw block bytes
 *     (line + structured metadata + per-entry framing, see FORMAT.md); for the open head block
 *     exactly line + metadata name and value bytes, as Loki's {@code UncompressedSize}
 * @param entries number of entries
 * @param compressedBytes stored (compressed) size: the chunk object, or the head's compressed blocks
 *     (the open block counts with its raw size)
 * @param flushed true for a chunk in the object store (Loki: from the TSDB index), false for
 *     head data not flushed yet (Loki: from the ingesters)
 */
public record ChunkSummary(long fromNanos, long throughNanos, long bytes, long entries, long compressedBytes,
        boolean flushed) {

    /** Chunks of {@code s} overlapping {@code [from, through)} widened by a millisecond on each side. */
    static List<ChunkSummary> collect(StoredStream s, long fromNanos, long throughNanos) {
        long from = fromNanos == Long.MIN_VALUE ? fromNanos : fromNanos - 1_000_000L;
        long through = throughNanos >= Long.MAX_VALUE - 1_000_000L ? Long.MAX_VALUE : throughNanos + 1_000_000L;
        StoredStream.Snapshot snap = s.snapshot();
        StoredStream.View v = snap.view();
        List<ChunkSummary> out = new ArrayList<>(v.flushed().size() + v.pending().size() + 1);
        for (ChunkRef r : v.flushed()) {
            if (r.overlaps(from, through)) {
                out.add(new ChunkSummary(r.from(), r.through(), r.rawBytes(), r.entries(), r.compressedBytes(), true));
            }
        }
        for (PendingChunk p : v.pending()) {
            if (p.maxT() >= from && p.minT() < through) {
                out.add(new ChunkSummary(p.minT(), p.maxT(), p.rawBytes(), p.entries(), p.compressedBytes(), false));
            }
        }
        // the head chunk being filled: sealed blocks plus the open block, one chunk as in Loki's ingester
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        long bytes = 0;
        long entries = 0;
        long compressed = 0;
        for (SealedBlock b : v.sealed()) {
            compressed += b.compressedLength;
            min = Math.min(min, b.minT);
            max = Math.max(max, b.maxT);
            bytes += b.rawLength;
            entries += b.entries;
        }
        DecodedBlock open = snap.open();
        if (open != null && open.count > 0) {
            min = Math.min(min, open.ts[0]);
            max = Math.max(max, open.ts[open.count - 1]);
            entries += open.count;
            compressed += open.data.length;
            for (int i = 0; i < open.count; i++) {
                bytes += contentBytes(open.data, open.bodyOffset(i));
            }
        }
        if (entries > 0 && max >= from && min < through) {
            out.add(new ChunkSummary(min, max, bytes, entries, compressed, false));
        }
        return out;
    }

    /** Line bytes plus structured metadata name and value bytes of the entry body at {@code off}. */
    private static long contentBytes(byte[] data, int off) {
        ByteReader r = new ByteReader(data, off, data.length);
        int line = r.varint32();
        r.skip(line);
        long n = line;
        int pairs = r.varint32();
        for (int i = 0; i < 2 * pairs; i++) {
            int len = r.varint32();
            r.skip(len);
            n += len;
        }
        return n;
    }
}
