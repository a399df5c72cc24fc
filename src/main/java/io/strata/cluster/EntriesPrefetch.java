package io.strata.cluster;

import io.strata.model.Direction;
import io.strata.model.Labels;
import io.strata.storage.StreamInfo;
import java.net.http.HttpResponse;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Overlaps the per-stream requests of one query to one writer. The query engine opens a query's
 * streams one after the other and reads each at once, so one request per stream would cost one round
 * trip per stream in sequence. Instead, the first {@code entries} request that finds nothing started
 * for it starts the requests for every other stream the writer listed for the same tenant and time
 * range (the {@code streams} call just before), at most {@link #IN_FLIGHT} at a time; later
 * {@code entries} calls {@link #take} their already running (or finished) request.
 *
 * <p>Bodies are read whole (see {@link WriterClient}), so the queue drains whether or not the query
 * consumes them; an unclaimed answer is dropped after {@link #EXPIRY_NANOS}, and at most
 * {@link #MAX_PENDING} are kept. When one request fails, the queued ones are not sent: they complete
 * with {@link Aborted}. Thread-safe.
 */
final class EntriesPrefetch {
    static final int IN_FLIGHT = 8;
    static final int MAX_PENDING = 4096;
    static final long EXPIRY_NANOS = 10_000_000_000L;
    private static final int MAX_LISTINGS = 64;

    /** One {@code entries} request. */
    record Key(String tenant, Labels labels, long fromNanos, long throughNanos, Direction direction,
            List<String> required) {
        Key {
            required = List.copyOf(required);
        }
    }

    private record ListingKey(String tenant, long fromNanos, long throughNanos) {}

    private record Pending(CompletableFuture<HttpResponse<byte[]>> future, long createdNanos) {}

    /** A queued request not sent because an earlier one of its wave failed. */
    static final class Aborted extends RuntimeException {
        Aborted(Throwable cause) {
            super("not sent: an earlier request to this writer failed", cause, false, false);
        }
    }

    private final Map<ListingKey, List<StreamInfo>> listings = new ConcurrentHashMap<>();
    private final Map<Key, Pending> pending = new ConcurrentHashMap<>();

    /** Remembers what the writer listed for a tenant and range. */
    void listed(String tenant, long fromNanos, long throughNanos, List<StreamInfo> streams) {
        if (listings.size() >= MAX_LISTINGS) {
            listings.clear();
        }
        listings.put(new ListingKey(tenant, fromNanos, throughNanos), streams);
    }

    /** The request already started for {@code key}, or null. */
    CompletableFuture<HttpResponse<byte[]>> take(Key key) {
        Pending p = pending.remove(key);
        if (p == null || System.nanoTime() - p.createdNanos() > EXPIRY_NANOS) {
            return null;
        }
        return p.future();
    }

    /** Starts requests for the other streams of the last listing that covers {@code key}, if any. */
    void startOthers(Key key, Function<Key, CompletableFuture<HttpResponse<byte[]>>> send) {
        List<StreamInfo> listing = listings.get(new ListingKey(key.tenant(), key.fromNanos(), key.throughNanos()));
        if (listing == null || listing.size() < 2) {
            return;
        }
        long now = System.nanoTime();
        pending.values().removeIf(p -> now - p.createdNanos() > EXPIRY_NANOS);
        Wave wave = new Wave(send);
        for (StreamInfo s : listing) {
            if (pending.size() >= MAX_PENDING) {
                break;
            }
            if (s.labels().equals(key.labels())) {
                continue;
            }
            Key other = new Key(key.tenant(), s.labels(), key.fromNanos(), key.throughNanos(), key.direction(),
                    key.required());
            CompletableFuture<HttpResponse<byte[]>> slot = new CompletableFuture<>();
            if (pending.putIfAbsent(other, new Pending(slot, now)) == null) {
                wave.add(other, slot);
            }
        }
        wave.launch();
    }

    /** Requests sent {@link #IN_FLIGHT} at a time; each completion sends the next. */
    private static final class Wave {
        private final Function<Key, CompletableFuture<HttpResponse<byte[]>>> send;
        private final Queue<Map.Entry<Key, CompletableFuture<HttpResponse<byte[]>>>> queue = new ArrayDeque<>();
        private Throwable failure;

        Wave(Function<Key, CompletableFuture<HttpResponse<byte[]>>> send) {
            this.send = send;
        }

        void add(Key key, CompletableFuture<HttpResponse<byte[]>> slot) {
            queue.add(Map.entry(key, slot));
        }

        void launch() {
            for (int i = 0; i < IN_FLIGHT; i++) {
                next();
            }
        }

        private void next() {
            Map.Entry<Key, CompletableFuture<HttpResponse<byte[]>>> e;
            Throwable failed;
            synchronized (this) {
                e = queue.poll();
                failed = failure;
            }
            if (e == null) {
                return;
            }
            if (failed != null) {
                List<CompletableFuture<HttpResponse<byte[]>>> rest = new ArrayList<>();
                rest.add(e.getValue());
                synchronized (this) {
                    queue.forEach(q -> rest.add(q.getValue()));
                    queue.clear();
                }
                rest.forEach(f -> f.completeExceptionally(new Aborted(failed)));
                return;
            }
            CompletableFuture<HttpResponse<byte[]>> slot = e.getValue();
            CompletableFuture<HttpResponse<byte[]>> sent;
            try {
                sent = send.apply(e.getKey());
            } catch (RuntimeException ex) {
                sent = CompletableFuture.failedFuture(ex);
            }
            sent.whenComplete((r, ex) -> {
                if (ex != null) {
                    synchronized (this) {
                        failure = ex;
                    }
                    slot.completeExceptionally(ex);
                } else {
                    slot.complete(r);
                }
                next();
            });
        }
    }
}
