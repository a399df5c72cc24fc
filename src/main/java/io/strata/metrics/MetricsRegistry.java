package io.strata.metrics;

import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.exporter.common.TextFormat;
import io.prometheus.client.hotspot.DefaultExports;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * The Prometheus registry of one Strata process (not the simpleclient global one, so that a
 * restarted application in the same JVM, as in tests, starts clean), with the JVM collectors.
 */
public final class MetricsRegistry {
    private final CollectorRegistry registry = new CollectorRegistry(true);

    public MetricsRegistry() {
        this("", "");
    }

    /** With Loki's {@code loki_build_info} gauge (always 1) carrying the version labels. */
    public MetricsRegistry(String version, String revision) {
        DefaultExports.register(registry);
        io.prometheus.client.Gauge.build("loki_build_info",
                        "A metric with a constant '1' value labeled by version, revision, branch, and goversion.")
                .labelNames("version", "revision", "branch", "goversion").register(registry)
                .labels(version, revision, "", "").set(1);
    }

    public CollectorRegistry registry() {
        return registry;
    }

    /** The exposition text, format 0.0.4. */
    public String scrape() {
        StringWriter w = new StringWriter(16 * 1024);
        try {
            TextFormat.write004(w, registry.metricFamilySamples());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }
}
