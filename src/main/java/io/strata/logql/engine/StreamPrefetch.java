package io.strata.logql.engine;

import io.strata.model.EntryIterator;
import io.strata.model.Labels;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One stream of a log query read ahead on an executor: its entries go through the pipeline in
 * batches of surviving entries (the first of {@code firstBatch}, each next one twice as large up to
 * {@code maxBatch}, but never more than the merge's estimate of this stream's share of what the
 * limit still needs). The first batch is scheduled at once, each next one when the merge is
 * half-way through the current batch (so a stream that contributes little costs one small batch). The
 * merge ({@link LogQueryEvaluator}) takes batches in order, so the entries it sees, and therefore
 * the result, are exactly those of the sequential reader; only the work runs on several threads.
 *
 * <p>Pipelines are not thread-safe, so streams share a pipeline only within a <em>lane</em> and a
 * batch is filled while holding its lane's lock; a stream's cursor is only touched under its own
 * lock. A batch the executor has not started yet is run by the taking thread itself, so progress
 * never depends on free pool threads. {@link #close} (after the shared {@code stopped} flag is
 * set) waits for a running batch, which notices the flag within {@value #CHECK_EVERY} entries.
 */
final class StreamPrefetch implements AutoCloseable {
    static final int CHECK_EVERY = 1024;

    /** Entries that survived the pipeline, in direction order; {@code last}: the stream is exhausted. */
    static final class Batch {
        final long[] timestamps;
        final String[] lines;
        final Labels[] labels;
        final Labels[] metadata;
        final Labels[] parsed;
        int size;
        boolean last;

        Batch(int capacity) {
            timestamps = new long[capacity];
            lines = new String[capacity];
            labels = new Labels[capacity];
            metadata = new Labels[capacity];
            parsed = new Labels[capacity];
        }
    }

    /** A pipeline shared by the streams of one lane, and the lock that serialises their batches. */
    static final class Lane {
        final EntryPipeline pipeline;

        Lane(EntryPipeline pipeline) {
            this.pipeline = pipeline;
        }
    }

    private final SelectedStream stream;
    private final Lane lane;
    private final QueryGuard guard;
    private final AtomicBoolean stopped;
    private final Executor executor;
    private final int maxBatch;
    private int batchSize;
    private FutureTask<Batch> next;
    private EntryIterator it;
    private EntryPipeline.ForStream pipeline;
    private boolean closed;
    private int seen;

    StreamPrefetch(SelectedStream stream, Lane lane, QueryGuard guard, AtomicBoolean stopped, Executor executor,
            int firstBatch, int maxBatch) {
        this.stream = stream;
        this.lane = lane;
        this.guard = guard;
        this.stopped = stopped;
        this.executor = executor;
        this.batchSize = Math.max(1, Math.min(firstBatch, maxBatch));
        this.maxBatch = Math.max(1, maxBatch);
    }

    /** Schedules the first batch. */
    void start() {
        schedule();
    }

    private void schedule() {
        schedule(Integer.MAX_VALUE);
    }

    private void schedule(int cap) {
        next = new FutureTask<>(() -> fill(cap));
        try {
            executor.execute(next);
        } catch (RejectedExecutionException e) {
            // the taking thread runs it
        }
    }

    /**
     * Schedules the next batch unless it is scheduled already (the merge is half-way through this
     * one); {@code cap}: at most this many entries (the stream's share of what the limit still needs).
     */
    void prefetch(int cap) {
        if (next == null) {
            schedule(cap);
        }
    }

    /** The next batch (computed here, of at most {@code cap} entries, if none was scheduled or started). */
    Batch take(int cap) {
        if (next == null) {
            next = new FutureTask<>(() -> fill(cap));
        }
        FutureTask<Batch> f = next;
        next = null;
        f.run();
        try {
            return f.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw EngineErrors.cancelled();
        } catch (CancellationException e) {
            throw EngineErrors.cancelled();
        }
    }

    private Batch fill(int cap) {
        synchronized (lane) {
            synchronized (this) {
                if (closed || stopped.get()) {
                    Batch b = new Batch(0);
                    b.last = true;
                    return b;
                }
                int capacity = Math.max(1, Math.min(cap, batchSize));
                batchSize = (int) Math.min(maxBatch, 2L * batchSize);
                Batch b = new Batch(capacity);
                if (it == null) {
                    pipeline = lane.pipeline.forStream(stream.labels());
                    it = stream.open();
                }
                while (b.size < capacity) {
                    if (!it.next()) {
                        b.last = true;
                        break;
                    }
                    if (++seen % CHECK_EVERY == 0) {
                        guard.check();
                        if (stopped.get()) {
                            b.last = true;
                            break;
                        }
                    }
                    long ts = it.timestamp();
                    if (pipeline.process(ts, it.lineBuffer(), it.lineOffset(), it.lineLength(), it.metadata())) {
                        int i = b.size++;
                        b.timestamps[i] = ts;
                        b.lines[i] = pipeline.line();
                        b.labels[i] = pipeline.labels();
                        b.metadata[i] = pipeline.structuredMetadata();
                        b.parsed[i] = pipeline.parsed();
                    }
                }
                return b;
            }
        }
    }

    /** Stops reading: a scheduled batch never starts, a running one is waited for; closes the cursor. */
    @Override
    public void close() {
        FutureTask<Batch> f = next;
        if (f != null) {
            f.cancel(false);
        }
        synchronized (this) {
            closed = true;
            if (it != null) {
                it.close();
                it = null;
            }
        }
    }
}
