package io.strata.storage;

import io.strata.model.Labels;
import java.util.ArrayList;
import java.util.List;

/**
 * Rewrites one chunk object without the entries a filter selects (line deletion): decodes every
 * block, re-encodes the kept entries into new blocks (same block size, fresh bloom filters) and
 * writes the new chunk object under its new key. The new ref keeps the old WAL sequence range, so
 * replay still skips the records the chunk came from. Stateless.
 */
public final class ChunkRewriter {
    /** Decides per entry; the line is {@code buffer[offset, offset+length)} (UTF-8), valid during the call. */
    public interface EntryFilter {
        boolean deletes(long timestampNanos, byte[] buffer, int offset, int length, Labels metadata);
    }

    /** The outcome: {@code ref} is the same ref when nothing was deleted, null when everything was. */
    record Rewrite(ChunkRef ref, int deleted) {}

    private final int blockBytes;

    public ChunkRewriter(int blockBytes) {
        this.blockBytes = blockBytes;
    }

    Rewrite rewrite(ObjectStore store, String tenant, Labels labels, ChunkRef ref, EntryFilter filter) {
        String key = ref.key(tenant, labels.fingerprint());
        byte[] chunk = store.get(key).orElse(null);
        if (chunk == null) {
            return new Rewrite(ref, 0); // already gone: leave the ref to retention
        }
        List<SealedBlock> out = new ArrayList<>();
        HeadBlock open = null;
        long minT = Long.MAX_VALUE;
        long maxT = Long.MIN_VALUE;
        int entries = 0;
        int deleted = 0;
        long raw = 0;
        long compressed = 0;
        for (SealedBlock b : ChunkCodec.parse(chunk)) {
            DecodedBlock d = b.decode();
            for (int i = 0; i < d.count; i++) {
                int off = d.bodyOffset(i);
                int lineOff = d.lineOffset[i];
                int lineLen = d.lineLength[i];
                long t = d.ts[i];
                if (filter.deletes(t, d.data, lineOff, lineLen, EntryCodec.readMetadata(d.data, off))) {
                    deleted++;
                    continue;
                }
                int end = d.bodyEnd(i);
                if (open == null) {
                    open = new HeadBlock(blockBytes, 64);
                }
                open.add(t, d.data, off, end - off);
                entries++;
                minT = Math.min(minT, t);
                maxT = Math.max(maxT, t);
                if (open.rawBytes() >= blockBytes) {
                    SealedBlock s = open.seal();
                    out.add(s);
                    raw += s.rawLength;
                    compressed += s.compressedLength;
                    open = null;
                }
            }
        }
        if (deleted == 0) {
            return new Rewrite(ref, 0);
        }
        if (open != null && open.count() > 0) {
            SealedBlock s = open.seal();
            out.add(s);
            raw += s.rawLength;
            compressed += s.compressedLength;
        }
        if (entries == 0) {
            return new Rewrite(null, deleted);
        }
        byte[] bytes = ChunkCodec.encode(new PendingChunk(out, minT, maxT, entries, raw, compressed, ref.minSeq(),
                ref.maxSeq(), "delete"));
        ChunkRef next = new ChunkRef(ref.shard(), minT, maxT, ChunkCodec.checksum(bytes), bytes.length, raw, entries,
                ref.minSeq(), ref.maxSeq());
        store.put(next.key(tenant, labels.fingerprint()), bytes);
        return new Rewrite(next, deleted);
    }
}
