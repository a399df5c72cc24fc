package io.strata.api;

import io.prometheus.client.Counter;
import io.strata.cluster.ClusterReader;
import io.strata.cluster.WriterAddress;
import io.strata.cluster.WriterClient;
import io.strata.cluster.WriterDiscovery;
import io.strata.config.StrataConfig;
import io.strata.metrics.MetricsRegistry;
import io.strata.storage.LogReader;
import io.strata.storage.Storage;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Builds what queries read from: the storage alone, or (roles {@code read}/{@code backend}, or any role
 * with {@code strata.writers} set) a {@link ClusterReader} over the storage and the writers, with
 * {@code strata_writer_requests_failed_total{writer}} counting failed requests to a writer.
 */
final class ClusterWiring {
    private static final Logger LOG = Logger.getLogger(ClusterWiring.class);
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(1);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    static final Duration DNS_REFRESH = Duration.ofSeconds(10);

    private ClusterWiring() {}

    static LogReader reader(StrataConfig config, Roles roles, Storage storage, MetricsRegistry metrics, Clock clock) {
        List<WriterAddress> writers = WriterAddress.parseList(config.writers().orElse(""));
        if (writers.isEmpty() || roles.role() == io.strata.cluster.Role.WRITE) {
            if (roles.role().readsOnly()) {
                LOG.warnf("target %s without strata.writers (STRATA_WRITERS): only flushed data is readable",
                        roles.role().configName());
            }
            return storage;
        }
        // the JVM caches positive DNS answers for 30 s by default; follow a headless Service as often as we re-resolve
        java.security.Security.setProperty("networkaddress.cache.ttl", Long.toString(DNS_REFRESH.toSeconds()));
        Counter failures = Counter.build("strata_writer_requests_failed_total",
                        "Requests of this reader to a writer's internal API that failed (the writer's unflushed data was skipped).")
                .labelNames("writer").register(metrics.registry());
        WriterClient.Listener listener = (writer, cause) -> failures.labels(writer).inc();
        WriterDiscovery discovery = new WriterDiscovery(writers, WriterDiscovery.SYSTEM_RESOLVER, DNS_REFRESH, clock);
        LOG.infof("reading unflushed data from writers %s", writers);
        return new ClusterReader(storage, discovery, CONNECT_TIMEOUT, REQUEST_TIMEOUT, listener, clock);
    }
}
