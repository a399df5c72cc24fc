package io.strata.query;

import io.strata.model.Labels;
import io.strata.model.PushStream;
import io.strata.model.StrataException;
import io.strata.storage.LogWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The push-notification hook of live tailing: {@link #watch} wraps the storage writer so that
 * every push, once it is durable, is offered to the tail subscribers of its tenant (as Loki's
 * ingester hands each appended stream to its tailers). A push that fails (even partially) is not
 * offered. Costs one map lookup per push when nobody tails the tenant. Thread-safe.
 */
public final class LiveTail {
    /** Receives every stream pushed for its tenant; called on the pushing thread, so it must be quick. */
    public interface Subscriber {
        void offer(PushStream stream);
    }

    private final Map<String, List<Subscriber>> byTenant = new ConcurrentHashMap<>();

    /** A writer that stores through {@code writer} and then notifies subscribers. */
    public LogWriter watch(LogWriter writer) {
        return new LogWriter() {
            @Override
            public void append(String tenant, List<PushStream> streams) {
                writer.append(tenant, streams);
                List<Subscriber> subscribers = byTenant.get(tenant);
                if (subscribers == null || subscribers.isEmpty()) {
                    return;
                }
                for (Subscriber s : subscribers) {
                    for (PushStream stream : streams) {
                        try {
                            s.offer(stream);
                        } catch (RuntimeException e) {
                            // a tail's failure must never fail a push whose data is already stored
                        }
                    }
                }
            }

            @Override
            public long activeStreams(String tenant) {
                return writer.activeStreams(tenant);
            }

            @Override
            public boolean isActive(String tenant, Labels labels) {
                return writer.isActive(tenant, labels);
            }
        };
    }

    /**
     * Registers a subscriber unless the tenant already has {@code maxConcurrent} tails (Loki's
     * {@code max_concurrent_tail_requests}); the returned handle unregisters it.
     */
    public AutoCloseable subscribe(String tenant, Subscriber subscriber, int maxConcurrent) {
        synchronized (byTenant) {
            List<Subscriber> list = byTenant.computeIfAbsent(tenant, t -> new CopyOnWriteArrayList<>());
            if (maxConcurrent > 0 && list.size() >= maxConcurrent) {
                throw StrataException.badRequest("max concurrent tail requests limit exceeded, count > limit ("
                        + (list.size() + 1) + " > " + maxConcurrent + ")");
            }
            list.add(subscriber);
        }
        return () -> {
            synchronized (byTenant) {
                List<Subscriber> list = byTenant.get(tenant);
                if (list != null) {
                    list.remove(subscriber);
                    if (list.isEmpty()) {
                        byTenant.remove(tenant);
                    }
                }
            }
        };
    }

    /** Number of tails of the tenant right now. */
    public int count(String tenant) {
        List<Subscriber> list = byTenant.get(tenant);
        return list == null ? 0 : list.size();
    }
}
