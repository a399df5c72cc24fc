package io.strata.ruler;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A bounded queue with one sender thread, shared by the Alertmanager notifier and the remote-write
 * client. Items are batched per (tenant, targets); each batch goes to every target with retries and
 * exponential back-off; a batch that still fails (or fails with a non-retryable status) is dropped
 * and counted. When the queue is full the oldest items are dropped and counted, so an unreachable
 * target costs bounded memory. Failures are logged at most every 30 s per queue. Thread-safe.
 *
 * @param <T> one item (an alert, a sample)
 */
final class DeliveryQueue<T> implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(DeliveryQueue.class.getName());
    private static final long LOG_EVERY_NANOS = Duration.ofSeconds(30).toNanos();

    /** Posts one batch to one target; throws on failure. */
    @FunctionalInterface
    interface Poster<T> {
        void post(String tenant, URI target, List<T> batch) throws DeliveryException;
    }

    /** A failed post; {@code retryable} for 5xx, 429 and I/O errors. */
    static final class DeliveryException extends Exception {
        final boolean retryable;

        DeliveryException(String message, boolean retryable) {
            super(message);
            this.retryable = retryable;
        }
    }

    /**
     * Sends one post: a non-2xx answer is {@code <peer> answered <status>} (with the first 200
     * characters of the body when {@code withBody}), retryable for 5xx and 429; an I/O failure is
     * {@code <peer> unreachable: ...}, retryable.
     */
    static void send(HttpClient http, HttpRequest request, String peer, boolean withBody) throws DeliveryException {
        try {
            HttpResponse<String> response = http.send(request, withBody ? HttpResponse.BodyHandlers.ofString()
                    : HttpResponse.BodyHandlers.replacing(""));
            int status = response.statusCode();
            if (status / 100 != 2) {
                String text = response.body();
                throw new DeliveryException(peer + " answered " + status + (withBody
                        ? ": " + (text.length() > 200 ? text.substring(0, 200) : text).strip() : ""),
                        status >= 500 || status == 429);
            }
        } catch (IOException e) {
            throw new DeliveryException(peer + " unreachable: " + e, true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryException("interrupted", false);
        }
    }

    private record Item<T>(String tenant, List<URI> targets, T value) {}

    private final String name;
    private final int capacity;
    private final int maxBatch;
    private final int maxAttempts;
    private final long initialBackoffMillis;
    private final long maxBackoffMillis;
    private final Poster<T> poster;
    private final AtomicLong sent;
    private final AtomicLong errors;
    private final AtomicLong dropped;
    private final ArrayDeque<Item<T>> queue = new ArrayDeque<>();
    private final Thread worker;
    private boolean busy; // guarded by queue
    private volatile boolean closed;
    private long lastLog;
    private long failuresSinceLog;

    DeliveryQueue(String name, int capacity, int maxBatch, int maxAttempts, Duration initialBackoff,
            Duration maxBackoff, Poster<T> poster, AtomicLong sent, AtomicLong errors, AtomicLong dropped) {
        this.name = name;
        this.capacity = Math.max(1, capacity);
        this.maxBatch = maxBatch;
        this.maxAttempts = Math.max(1, maxAttempts);
        this.initialBackoffMillis = Math.max(1, initialBackoff.toMillis());
        this.maxBackoffMillis = Math.max(initialBackoffMillis, maxBackoff.toMillis());
        this.poster = poster;
        this.sent = sent;
        this.errors = errors;
        this.dropped = dropped;
        this.lastLog = System.nanoTime() - LOG_EVERY_NANOS;
        this.worker = Thread.ofVirtual().name("strata-ruler-" + name).start(this::run);
    }

    /** Queues items for all targets; drops the oldest items when full. Never blocks. */
    void offer(String tenant, List<URI> targets, List<T> values) {
        if (targets.isEmpty() || values.isEmpty()) {
            return;
        }
        synchronized (queue) {
            for (T v : values) {
                if (queue.size() >= capacity) {
                    queue.pollFirst();
                    dropped.incrementAndGet();
                }
                queue.addLast(new Item<>(tenant, targets, v));
            }
            queue.notifyAll();
        }
    }

    int size() {
        synchronized (queue) {
            return queue.size();
        }
    }

    /** Waits until the queue is empty and no batch is in flight; false on timeout. */
    boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (queue) {
            while (!queue.isEmpty() || busy) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                queue.wait(Math.max(1, left / 1_000_000));
            }
            return true;
        }
    }

    private void run() {
        while (!closed) {
            List<Item<T>> batch = new ArrayList<>();
            synchronized (queue) {
                busy = false;
                queue.notifyAll();
                while (queue.isEmpty() && !closed) {
                    try {
                        queue.wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (closed) {
                    return;
                }
                Item<T> first = queue.pollFirst();
                batch.add(first);
                while (batch.size() < maxBatch && !queue.isEmpty()
                        && queue.peekFirst().tenant().equals(first.tenant())
                        && queue.peekFirst().targets().equals(first.targets())) {
                    batch.add(queue.pollFirst());
                }
                busy = true;
            }
            List<T> values = batch.stream().map(Item::value).toList();
            for (URI target : batch.get(0).targets()) {
                deliver(batch.get(0).tenant(), target, values);
            }
        }
    }

    private void deliver(String tenant, URI target, List<T> values) {
        long backoff = initialBackoffMillis;
        for (int attempt = 1; ; attempt++) {
            try {
                poster.post(tenant, target, values);
                sent.addAndGet(values.size());
                return;
            } catch (DeliveryException e) {
                errors.incrementAndGet();
                boolean last = !e.retryable || attempt >= maxAttempts || closed;
                if (last) {
                    dropped.addAndGet(values.size());
                    logFailure(target, e.getMessage(), values.size());
                    return;
                }
            } catch (RuntimeException e) {
                errors.incrementAndGet();
                dropped.addAndGet(values.size());
                logFailure(target, e.toString(), values.size());
                return;
            }
            try {
                Thread.sleep(backoff);
            } catch (InterruptedException e) {
                dropped.addAndGet(values.size());
                return;
            }
            backoff = Math.min(maxBackoffMillis, backoff * 2);
        }
    }

    private synchronized void logFailure(URI target, String message, int count) {
        failuresSinceLog++;
        long now = System.nanoTime();
        if (now - lastLog >= LOG_EVERY_NANOS) {
            LOG.log(Level.WARNING, "{0}: dropped {1} item(s) for {2} after retries: {3} ({4} failed batches since"
                    + " last report)", new Object[] {name, count, target, message, failuresSinceLog});
            lastLog = now;
            failuresSinceLog = 0;
        }
    }

    @Override
    public void close() {
        closed = true;
        synchronized (queue) {
            queue.notifyAll();
        }
        worker.interrupt();
    }
}
