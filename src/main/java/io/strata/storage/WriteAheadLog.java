package io.strata.storage;

import io.strata.model.ErrorCategory;
import io.strata.model.StrataException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.zip.CRC32C;

/**
 * The write-ahead log of one shard: a directory of segment files {@code <n>.wal} (see FORMAT.md).
 *
 * <p>Group commit: {@link #append} only copies a framed record into the in-memory pending buffer
 * (under {@code bufferLock}) and hands out its sequence number; {@link #awaitDurable} makes the
 * first waiter the leader, who swaps the buffers, writes and {@code force}s them under
 * {@code syncLock} while other appenders fill the other buffer. Sequence numbers come from one
 * counter shared by all shards, so they also order records across restarts.
 */
final class WriteAheadLog implements AutoCloseable {
    static final int MAGIC = 0x57525453; // "STRW" little-endian
    static final int VERSION = 1;
    static final int HEADER_BYTES = 8;
    /** Frame: u32 payload length, u32 CRC32C of payload; payload starts with u8 type, u64 seq. */
    static final int FRAME_BYTES = 8;
    static final int TYPE_ENTRIES = 1;
    static final long ROTATE_BYTES = 64L << 20;

    /** A closed segment and the highest sequence number it holds. */
    record Segment(Path path, long maxSeq) {}

    private final Path dir;
    private final AtomicLong sequence;
    private final StorageListener listener;
    private final Object bufferLock = new Object();
    private final ReentrantLock syncLock = new ReentrantLock();
    private final List<Segment> closed = new ArrayList<>(); // guarded by syncLock
    private final CRC32C crc = new CRC32C(); // guarded by bufferLock

    private ByteWriter pending = new ByteWriter(1 << 16); // guarded by bufferLock
    private long pendingMaxSeq; // guarded by bufferLock
    private int pendingRecords; // guarded by bufferLock
    private boolean closedForWrites; // guarded by bufferLock
    private ByteWriter spare = new ByteWriter(1 << 16); // guarded by syncLock
    private volatile long syncedSeq;
    private volatile Throwable failure;
    private final AtomicLong syncs = new AtomicLong();
    private final AtomicLong records = new AtomicLong();

    private FileChannel channel; // guarded by syncLock
    private Path segmentPath; // guarded by syncLock
    private long segmentNo; // guarded by syncLock
    private long segmentBytes; // guarded by syncLock
    private long segmentMaxSeq; // guarded by syncLock

    WriteAheadLog(Path dir, long firstSegmentNo, AtomicLong sequence, StorageListener listener) {
        this.dir = dir;
        this.sequence = sequence;
        this.listener = listener;
        try {
            Files.createDirectories(dir);
            openSegment(firstSegmentNo);
        } catch (IOException e) {
            throw unavailable(e);
        }
    }

    static String segmentName(long n) {
        return String.format("%012d.wal", n);
    }

    private void openSegment(long n) throws IOException {
        segmentNo = n;
        segmentPath = dir.resolve(segmentName(n));
        channel = FileChannel.open(segmentPath, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        ByteBuffer h = ByteBuffer.allocate(HEADER_BYTES).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        h.putInt(MAGIC).putInt(VERSION).flip();
        while (h.hasRemaining()) {
            channel.write(h);
        }
        channel.force(true);
        forceDirectory(dir);
        segmentBytes = HEADER_BYTES;
        segmentMaxSeq = 0;
    }

    static void forceDirectory(Path d) {
        try (FileChannel c = FileChannel.open(d, StandardOpenOption.READ)) {
            c.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // some platforms cannot fsync a directory; the file fsync is the best we can do there
        }
    }

    /**
     * Frames and queues a record. {@code rec[off .. off+len)} must start with {@link #FRAME_BYTES}
     * free bytes followed by the payload whose bytes 1..8 are overwritten with the sequence number.
     */
    long append(byte[] rec, int off, int len) {
        synchronized (bufferLock) {
            if (closedForWrites || failure != null) {
                throw new StrataException(ErrorCategory.UNAVAILABLE, "write-ahead log is closed", failure);
            }
            long seq = sequence.incrementAndGet();
            ByteWriter.putU64(rec, off + FRAME_BYTES + 1, seq);
            int payload = len - FRAME_BYTES;
            crc.reset();
            crc.update(rec, off + FRAME_BYTES, payload);
            ByteWriter.putU32(rec, off, payload);
            ByteWriter.putU32(rec, off + 4, (int) crc.getValue());
            pending.bytes(rec, off, len);
            pendingMaxSeq = seq;
            pendingRecords++;
            return seq;
        }
    }

    /** Returns once the record with this sequence number is on disk. */
    void awaitDurable(long seq) {
        while (syncedSeq < seq) {
            if (failure != null) {
                throw unavailable(failure);
            }
            syncLock.lock();
            try {
                if (syncedSeq >= seq) {
                    return;
                }
                syncPending();
            } finally {
                syncLock.unlock();
            }
        }
    }

    private void syncPending() {
        if (failure != null) {
            throw unavailable(failure);
        }
        ByteWriter buf;
        long max;
        int n;
        synchronized (bufferLock) {
            buf = pending;
            pending = spare;
            spare = buf;
            max = pendingMaxSeq;
            n = pendingRecords;
            pendingRecords = 0;
        }
        if (buf.position() == 0) {
            return;
        }
        long start = System.nanoTime();
        try {
            ByteBuffer bb = ByteBuffer.wrap(buf.buffer(), 0, buf.position());
            while (bb.hasRemaining()) {
                channel.write(bb);
            }
            channel.force(false);
        } catch (IOException | RuntimeException e) {
            failure = e;
            throw unavailable(e);
        }
        segmentBytes += buf.position();
        segmentMaxSeq = max;
        buf.reset();
        syncedSeq = max;
        syncs.incrementAndGet();
        records.addAndGet(n);
        listener.walSynced(System.nanoTime() - start, n);
    }

    /** Syncs what is pending. */
    void sync() {
        syncLock.lock();
        try {
            if (failure == null && channel != null) {
                syncPending();
            }
        } finally {
            syncLock.unlock();
        }
    }

    /**
     * Deletes segments whose records all have sequence numbers below {@code minLiveSeq} (they are
     * flushed); rotates the current segment first when it is obsolete or large.
     */
    void truncate(long minLiveSeq) {
        syncLock.lock();
        try {
            if (failure != null || channel == null) {
                return;
            }
            syncPending();
            boolean obsolete = segmentMaxSeq > 0 && segmentMaxSeq < minLiveSeq;
            if (obsolete || segmentBytes >= ROTATE_BYTES) {
                channel.close();
                closed.add(new Segment(segmentPath, segmentMaxSeq));
                openSegment(segmentNo + 1);
            }
            closed.removeIf(s -> {
                if (s.maxSeq() < minLiveSeq) {
                    deleteQuietly(s.path());
                    return true;
                }
                return false;
            });
        } catch (IOException e) {
            failure = e;
            throw unavailable(e);
        } finally {
            syncLock.unlock();
        }
    }

    static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // retried at the next truncation or restart
        }
    }

    long syncs() {
        return syncs.get();
    }

    long records() {
        return records.get();
    }

    @Override
    public void close() {
        synchronized (bufferLock) {
            closedForWrites = true;
        }
        syncLock.lock();
        try {
            if (channel != null) {
                try {
                    if (failure == null) {
                        syncPending();
                    }
                    channel.close();
                } catch (IOException | RuntimeException ignored) {
                    // closing: the records that reached disk are what replay will see
                }
                channel = null;
            }
        } finally {
            syncLock.unlock();
        }
    }

    private static StrataException unavailable(Throwable e) {
        return new StrataException(ErrorCategory.UNAVAILABLE, "write-ahead log unavailable: " + e.getMessage(), e);
    }
}
