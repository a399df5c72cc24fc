package io.strata.storage;

import io.strata.model.Labels;
import io.strata.model.LogEntry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Everything storage holds for one stream of one tenant: the head chunk being filled (an open
 * {@link HeadBlock} plus sealed compressed blocks), chunks cut but not yet flushed, and the refs
 * of flushed chunks.
 *
 * <p>Locking: the monitor of this object guards the head chunk fields and is held while a record
 * is queued in the WAL, so the stream's WAL order equals its head order. Readers take the monitor
 * only to copy the open block; everything else they need is the immutable, volatile {@link View}.
 */
final class StoredStream {
    /** The parts of a stream readers see without locking (all lists immutable). */
    record View(List<ChunkRef> flushed, List<PendingChunk> pending, List<SealedBlock> sealed, long sealedMinSeq) {}

    /** A consistent read snapshot: the view plus a sorted copy of the open block (or null). */
    record Snapshot(View view, DecodedBlock open) {}

    /** Per-call counters of {@link #append}, reused by the caller. */
    static final class AppendCounts {
        int kept;
        int duplicates;
        long bytes;
        boolean cut;
        TooFarBehind behind;
        int recordEntries;
        long recordMaxT;
        long[] recordTs = new long[64];
        int[] recordLineOff = new int[64];
        int[] recordLineLen = new int[64];

        void remember(long t, int lineOff, int lineLen) {
            int n = recordEntries;
            if (n == recordTs.length) {
                recordTs = Arrays.copyOf(recordTs, n * 2);
                recordLineOff = Arrays.copyOf(recordLineOff, n * 2);
                recordLineLen = Arrays.copyOf(recordLineLen, n * 2);
            }
            recordTs[n] = t;
            recordLineOff[n] = lineOff;
            recordLineLen[n] = lineLen;
            recordMaxT = n == 0 ? t : Math.max(recordMaxT, t);
            recordEntries = n + 1;
        }

        void reset() {
            kept = 0;
            duplicates = 0;
            bytes = 0;
            cut = false;
        }
    }

    final String tenant;
    final Labels labels;
    final StreamInfo info;
    final int shard;
    private final byte[] walPrefix;
    private final AtomicInteger activeCounter;

    private volatile View view = new View(List.of(), List.of(), List.of(), Long.MAX_VALUE);
    private volatile long headMinT = Long.MAX_VALUE;
    private volatile long headMaxT = Long.MIN_VALUE;
    private volatile long flushedMinT = Long.MAX_VALUE;
    private volatile long flushedMaxT = Long.MIN_VALUE;

    // head chunk, guarded by this
    private HeadBlock open;
    private final ArrayList<SealedBlock> sealed = new ArrayList<>();
    private long sealedCompressed;
    private long sealedRaw;
    private int chunkEntries;
    private long chunkMinSeq = Long.MAX_VALUE;
    private long chunkMaxSeq;
    private long chunkMinT = Long.MAX_VALUE;
    private long chunkMaxT = Long.MIN_VALUE;
    private long chunkCreatedMillis;
    private long lastAppendMillis;
    private int nextBlockBytes = 512;
    private int nextBlockEntries = 8;
    private int blockBytesSeen = Integer.MAX_VALUE;
    private boolean hasLast;
    private boolean hasHighest;
    private long highestTs;
    private long lastTs;
    private byte[] lastLine = new byte[0];

    StoredStream(String tenant, Labels labels, int shard, AtomicInteger activeCounter) {
        this.tenant = tenant;
        this.activeCounter = activeCounter;
        this.labels = labels;
        this.info = new StreamInfo(labels.fingerprint(), labels);
        this.shard = shard;
        ByteWriter w = new ByteWriter(64);
        w.string(tenant);
        EntryCodec.writeLabels(w, labels);
        this.walPrefix = w.toArray();
    }

    View view() {
        return view;
    }

    /**
     * Drops duplicates, queues one WAL record with the remaining entries and adds them to the head.
     * Returns the record's sequence number, or 0 when every entry was a duplicate.
     */
    synchronized long append(List<LogEntry> entries, WriteAheadLog wal, ByteWriter w, long nowMillis,
            int blockBytes, long targetChunkBytes, long behindWindowNanos, AppendCounts counts) {
        w.reset();
        w.position(WriteAheadLog.FRAME_BYTES);
        w.u8(WriteAheadLog.TYPE_ENTRIES);
        w.u64(0);
        w.bytes(walPrefix, 0, walPrefix.length);
        int entriesStart = w.position();
        long prevTs = 0;
        counts.recordEntries = 0;
        counts.behind = null;
        boolean last = hasLast;
        long lastT = lastTs;
        byte[] lastL = lastLine;
        boolean highest = hasHighest;
        long highestT = highestTs;
        for (LogEntry e : entries) {
            long t = e.timestampNanos();
            byte[] line = EntryCodec.utf8(e.line());
            if (last && t == lastT && Arrays.equals(lastL, line)) {
                counts.duplicates++;
                continue;
            }
            if (highest && t < highestT - behindWindowNanos) {
                if (counts.behind == null) {
                    counts.behind = new TooFarBehind();
                }
                counts.behind.reject(t, highestT - behindWindowNanos);
                continue;
            }
            last = true;
            lastT = t;
            lastL = line;
            if (!highest || t > highestT) {
                highest = true;
                highestT = t;
            }
            if (isDuplicate(t, line, w.buffer(), counts)) {
                counts.duplicates++;
                continue;
            }
            w.zigzag(t - prevTs);
            int body = w.position();
            EntryCodec.writeBody(w, line, e.metadata());
            counts.remember(t, EntryCodec.lineOffset(w.buffer(), body), line.length);
            prevTs = t;
            counts.kept++;
            counts.bytes += line.length;
        }
        hasLast = last;
        lastTs = lastT;
        lastLine = lastL;
        hasHighest = highest;
        highestTs = highestT;
        if (counts.recordEntries == 0) {
            return 0;
        }
        long seq = wal.append(w.buffer(), 0, w.position());
        apply(seq, w.buffer(), entriesStart, w.position(), nowMillis, blockBytes);
        lastTs = lastT; // apply() remembers the last stored entry; Loki's last line may be a head-block duplicate
        lastLine = lastL;
        if (sealedCompressed >= targetChunkBytes) {
            cut("full");
            counts.cut = true;
        }
        return seq;
    }

    /**
     * Loki's head-block rule: an entry is dropped when an entry with the same timestamp and the same line
     * (metadata is not compared) is in the open head block or came earlier in this push.
     */
    private boolean isDuplicate(long t, byte[] line, byte[] record, AppendCounts c) {
        if (open != null && open.containsLine(t, line)) {
            return true;
        }
        if (c.recordEntries > 0 && t <= c.recordMaxT) {
            for (int j = c.recordEntries - 1; j >= 0; j--) {
                if (c.recordTs[j] == t && Arrays.equals(record, c.recordLineOff[j], c.recordLineOff[j] + c.recordLineLen[j],
                        line, 0, line.length)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Adds the entries of a WAL record to the head (also used by replay). */
    synchronized void apply(long seq, byte[] buf, int from, int to, long nowMillis, int blockBytes) {
        ByteReader r = new ByteReader(buf, from, to);
        long t = 0;
        int lastBodyStart = -1;
        if (chunkEntries == 0) {
            chunkCreatedMillis = nowMillis;
            if (view.pending().isEmpty()) {
                activeCounter.incrementAndGet();
            }
        }
        while (r.hasRemaining()) {
            t += r.zigzag();
            int body = r.position();
            int end = EntryCodec.skipBody(buf, body, to);
            r.position(end);
            if (open == null) {
                open = new HeadBlock(nextBlockBytes, nextBlockEntries);
            }
            open.add(t, buf, body, end - body);
            chunkEntries++;
            chunkMinT = Math.min(chunkMinT, t);
            chunkMaxT = Math.max(chunkMaxT, t);
            lastBodyStart = body;
            if (open.rawBytes() >= blockBytes) {
                blockBytesSeen = blockBytes;
                sealOpen();
            }
        }
        if (lastBodyStart >= 0) {
            if (!hasHighest || chunkMaxT > highestTs) {
                hasHighest = true;
                highestTs = chunkMaxT;
            }
            hasLast = true;
            lastTs = t;
            int lineOff = EntryCodec.lineOffset(buf, lastBodyStart);
            lastLine = Arrays.copyOfRange(buf, lineOff, lineOff + EntryCodec.lineLength(buf, lastBodyStart));
        }
        chunkMinSeq = Math.min(chunkMinSeq, seq);
        chunkMaxSeq = Math.max(chunkMaxSeq, seq);
        lastAppendMillis = nowMillis;
        headMinT = Math.min(headMinT, chunkMinT);
        headMaxT = Math.max(headMaxT, chunkMaxT);
    }

    private void sealOpen() {
        // a stream that filled this block will likely fill the next one: size it up front
        boolean full = open.rawBytes() >= blockBytesSeen;
        nextBlockBytes = full ? open.rawBytes() + 1024 : 512;
        nextBlockEntries = full ? open.count() + 16 : 8;
        SealedBlock b = open.seal();
        open = null;
        sealed.add(b);
        sealedCompressed += b.compressedLength + b.bloom.length * 8L;
        sealedRaw += b.rawLength;
        View v = view;
        view = new View(v.flushed(), v.pending(), List.copyOf(sealed), chunkMinSeq);
    }

    /** Cut reason when the head chunk is due ({@code idle} or {@code max_age}), else null. */
    synchronized String dueReason(long nowMillis, long maxAgeMillis, long idleMillis) {
        if (chunkEntries == 0) {
            return null;
        }
        if (nowMillis - lastAppendMillis >= idleMillis) {
            return "idle";
        }
        if (nowMillis - chunkCreatedMillis >= maxAgeMillis || (chunkMaxT - chunkMinT) / 1_000_000 >= maxAgeMillis) {
            return "max_age";
        }
        return null;
    }

    /** Closes the head chunk into a pending chunk; null when the head chunk is empty. */
    synchronized PendingChunk cut(String reason) {
        if (open != null && open.count() > 0) {
            sealOpen();
        }
        if (sealed.isEmpty()) {
            return null;
        }
        PendingChunk p = new PendingChunk(sealed, chunkMinT, chunkMaxT, chunkEntries, sealedRaw, sealedCompressed,
                chunkMinSeq, chunkMaxSeq, reason);
        sealed.clear();
        sealedCompressed = 0;
        sealedRaw = 0;
        chunkEntries = 0;
        chunkMinSeq = Long.MAX_VALUE;
        chunkMaxSeq = 0;
        chunkMinT = Long.MAX_VALUE;
        chunkMaxT = Long.MIN_VALUE;
        View v = view;
        List<PendingChunk> pending = new ArrayList<>(v.pending());
        pending.add(p);
        view = new View(v.flushed(), List.copyOf(pending), List.of(), Long.MAX_VALUE);
        return p;
    }

    /** Replaces a pending chunk by its flushed ref, atomically for readers. */
    synchronized void markFlushed(PendingChunk p, ChunkRef ref) {
        View v = view;
        List<PendingChunk> pending = new ArrayList<>(v.pending());
        pending.removeIf(x -> x == p);
        List<ChunkRef> flushed = new ArrayList<>(v.flushed());
        if (!flushed.contains(ref)) { // a sync may have loaded it already
            flushed.add(ref);
        }
        view = new View(List.copyOf(flushed), List.copyOf(pending), v.sealed(), v.sealedMinSeq());
        flushedMinT = Math.min(flushedMinT, ref.from());
        flushedMaxT = Math.max(flushedMaxT, ref.through());
        long min = chunkEntries > 0 ? chunkMinT : Long.MAX_VALUE;
        long max = chunkEntries > 0 ? chunkMaxT : Long.MIN_VALUE;
        for (PendingChunk q : pending) {
            min = Math.min(min, q.minT());
            max = Math.max(max, q.maxT());
        }
        headMinT = min;
        headMaxT = max;
        if (chunkEntries == 0 && pending.isEmpty()) {
            activeCounter.decrementAndGet();
            // Loki drops a stream from the ingester once all its chunks are flushed: it forgets the
            // last line and the highest timestamp with it
            hasLast = false;
            hasHighest = false;
        }
    }

    /** Cuts the head chunk when it reached the target size (replay does not cut while applying). */
    synchronized boolean cutIfFull(long targetChunkBytes) {
        return sealedCompressed >= targetChunkBytes && cut("full") != null;
    }

    /**
     * Adds refs loaded from index segments (at open and by index syncs); refs already known are
     * ignored, and so are refs of this writer's own segments whose chunk is still pending here (a
     * flush whose put failed yet landed: the retried flush publishes the same ref).
     */
    synchronized void loadRefs(List<ChunkRef> refs, boolean own) {
        View v = view;
        java.util.LinkedHashSet<ChunkRef> flushed = new java.util.LinkedHashSet<>(v.flushed());
        for (ChunkRef r : refs) {
            if (!(own && isPending(r, v)) && flushed.add(r)) {
                flushedMinT = Math.min(flushedMinT, r.from());
                flushedMaxT = Math.max(flushedMaxT, r.through());
            }
        }
        view = new View(List.copyOf(flushed), v.pending(), v.sealed(), v.sealedMinSeq());
    }

    private static boolean isPending(ChunkRef r, View v) {
        for (PendingChunk p : v.pending()) {
            if (p.minSeq() == r.minSeq() && p.maxSeq() == r.maxSeq()) {
                return true;
            }
        }
        return false;
    }

    /** Forgets refs whose index segments disappeared; the flushed time bounds are recomputed. */
    synchronized void removeRefs(List<ChunkRef> refs) {
        View v = view;
        java.util.HashSet<ChunkRef> gone = new java.util.HashSet<>(refs);
        List<ChunkRef> flushed = new ArrayList<>(v.flushed().size());
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (ChunkRef r : v.flushed()) {
            if (!gone.contains(r)) {
                flushed.add(r);
                min = Math.min(min, r.from());
                max = Math.max(max, r.through());
            }
        }
        view = new View(List.copyOf(flushed), v.pending(), v.sealed(), v.sealedMinSeq());
        flushedMinT = min;
        flushedMaxT = max;
    }

    /** Lowest WAL sequence number still needed by this stream's unflushed data. */
    synchronized long minLiveSeq() {
        long min = chunkEntries > 0 ? chunkMinSeq : Long.MAX_VALUE;
        for (PendingChunk p : view.pending()) {
            min = Math.min(min, p.minSeq());
        }
        return min;
    }

    synchronized Snapshot snapshot() {
        return new Snapshot(view, open == null || open.count() == 0 ? null : open.snapshot());
    }

    synchronized boolean hasHeadData() {
        return chunkEntries > 0 || !view.pending().isEmpty();
    }

    /** Unflushed entries and bytes held in memory: {entries, bytes}. */
    synchronized long[] headUsage() {
        long entries = chunkEntries;
        long bytes = open == null ? 0 : open.footprint();
        for (SealedBlock b : sealed) {
            bytes += b.footprint();
        }
        for (PendingChunk p : view.pending()) {
            entries += p.entries();
            for (SealedBlock b : p.blocks()) {
                bytes += b.footprint();
            }
        }
        return new long[] {entries, bytes};
    }

    /** Whether unflushed (head or pending) data overlaps {@code [from, through)}. */
    boolean hasHeadDataIn(long from, long through) {
        return headMaxT >= from && headMinT < through;
    }

    boolean hasDataIn(long from, long through) {
        return (headMaxT >= from && headMinT < through) || (flushedMaxT >= from && flushedMinT < through);
    }
}
