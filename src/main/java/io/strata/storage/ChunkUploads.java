package io.strata.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The object-store puts of one flush round, run with bounded parallelism (a single-stream put is
 * latency-bound, so S3 flush throughput grows with the number of puts in flight). A round submits
 * tasks, then {@link Round#await}s them in order; after a failure the round is {@link Round#abort
 * aborted}: tasks that have not started are skipped and running ones are waited for, so no put
 * of the round is still in flight when the round reports its failure.
 */
final class ChunkUploads implements AutoCloseable {
    static final int DEFAULT_PARALLELISM = 8;

    private final ThreadPoolExecutor pool;

    ChunkUploads(int parallelism) {
        AtomicInteger n = new AtomicInteger();
        int threads = Math.max(1, parallelism);
        pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "strata-flush-put-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        pool.allowCoreThreadTimeOut(true);
    }

    Round round() {
        return new Round();
    }

    /** The tasks of one flush round. */
    final class Round {
        private final AtomicBoolean aborted = new AtomicBoolean();
        private final List<Future<?>> all = new ArrayList<>();

        <T> Future<T> submit(Callable<T> task) {
            Future<T> f = pool.submit(() -> {
                if (aborted.get()) {
                    throw new CancellationException("flush round aborted");
                }
                return task.call();
            });
            all.add(f);
            return f;
        }

        /** The task's result; its own exception is rethrown unchanged. */
        <T> T await(Future<T> f) {
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
                throw new IllegalStateException("interrupted while flushing", e);
            }
        }

        /** Skips the tasks not yet started and waits for the running ones. */
        void abort() {
            aborted.set(true);
            boolean interrupted = false;
            for (Future<?> f : all) {
                while (true) {
                    try {
                        f.get();
                        break;
                    } catch (InterruptedException e) {
                        interrupted = true;
                    } catch (ExecutionException | CancellationException e) {
                        break;
                    }
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        pool.shutdown();
        try {
            pool.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
