package io.strata.metrics;

import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.Histogram;

/** Loki's {@code loki_request_duration_seconds}: HTTP request latency by method, route and status. */
public final class HttpMetrics {
    private final Histogram requestDuration;

    public HttpMetrics(CollectorRegistry registry) {
        requestDuration = Histogram.build("loki_request_duration_seconds",
                        "Time (in seconds) spent serving HTTP requests.")
                .labelNames("method", "route", "status_code", "ws")
                .buckets(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 25, 50, 100)
                .register(registry);
    }

    public void observe(String method, String route, int status, long nanos) {
        requestDuration.labels(method, route, Integer.toString(status), "false").observe(nanos / 1e9);
    }
}
