package io.strata.metrics;

import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.Counter;

/**
 * Loki's distributor counters: what arrived and what was discarded, per tenant and per Loki
 * reason name ({@code line_too_long}, {@code rate_limited}, ...). Thread-safe.
 */
public final class IngestMetrics {
    private final Counter bytesReceived;
    private final Counter linesReceived;
    private final Counter discardedSamples;
    private final Counter discardedBytes;
    private final Counter structuredMetadataBytesReceived;

    public IngestMetrics(CollectorRegistry registry) {
        bytesReceived = Counter.build("loki_distributor_bytes_received_total",
                "The total number of uncompressed bytes received per tenant.")
                .labelNames("tenant").register(registry);
        linesReceived = Counter.build("loki_distributor_lines_received_total",
                "The total number of log entries received per tenant (not necessarily of lines).")
                .labelNames("tenant").register(registry);
        structuredMetadataBytesReceived = Counter.build("loki_distributor_structured_metadata_bytes_received_total",
                "The total number of uncompressed bytes of structured metadata received per tenant.")
                .labelNames("tenant").register(registry);
        discardedSamples = Counter.build("loki_discarded_samples_total",
                "The total number of samples that were discarded.")
                .labelNames("reason", "tenant").register(registry);
        discardedBytes = Counter.build("loki_discarded_bytes_total",
                "The total number of bytes that were discarded.")
                .labelNames("reason", "tenant").register(registry);
    }

    /** A registry-less instance for unit tests of core code. */
    public static IngestMetrics unregistered() {
        return new IngestMetrics(new CollectorRegistry());
    }

    public void received(String tenant, long lines, long lineBytes, long metadataBytes) {
        linesReceived.labels(tenant).inc(lines);
        bytesReceived.labels(tenant).inc(lineBytes);
        if (metadataBytes > 0) {
            structuredMetadataBytesReceived.labels(tenant).inc(metadataBytes);
        }
    }

    public void discarded(String reason, String tenant, long samples, long bytes) {
        discardedSamples.labels(reason, tenant).inc(samples);
        discardedBytes.labels(reason, tenant).inc(bytes);
    }

    public double discardedSamples(String reason, String tenant) {
        return discardedSamples.labels(reason, tenant).get();
    }

    public double linesReceived(String tenant) {
        return linesReceived.labels(tenant).get();
    }
}
