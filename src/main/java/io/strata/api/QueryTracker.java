package io.strata.api;

import io.prometheus.client.Collector;
import io.prometheus.client.CounterMetricFamily;
import io.strata.metrics.MetricsRegistry;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * Counts read requests stopped because their client went away, exported on {@code /metrics} as
 * {@code strata_query_requests_cancelled_total}. A query is counted when its guard first observes
 * the closed connection, i.e. when the worker gives the query up (and answers 499 to nobody).
 */
@Singleton
public class QueryTracker {
    private final AtomicLong cancelled = new AtomicLong();

    QueryTracker(MetricsRegistry metrics) {
        metrics.registry().register(new Collector() {
            @Override
            public List<MetricFamilySamples> collect() {
                return List.of(new CounterMetricFamily("strata_query_requests_cancelled",
                                "Read requests abandoned because the client closed the connection.", cancelled.get()));
            }
        });
    }

    long cancelled() {
        return cancelled.get();
    }

    /** A cancellation check over {@code gone} that counts the first time it reports true. */
    BooleanSupplier cancellation(BooleanSupplier gone) {
        boolean[] counted = new boolean[1];
        return () -> {
            if (!gone.getAsBoolean()) {
                return false;
            }
            synchronized (counted) {
                if (!counted[0]) {
                    counted[0] = true;
                    cancelled.incrementAndGet();
                }
            }
            return true;
        };
    }
}
