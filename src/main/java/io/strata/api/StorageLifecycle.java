package io.strata.api;

import io.strata.config.StrataConfig;
import io.strata.metrics.MetricsRegistry;
import io.strata.metrics.StorageMetrics;
import io.strata.storage.LogReader;
import io.strata.storage.LogWriter;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

/**
 * Opens the storage engine at startup and closes it (syncing the WAL) at shutdown. Until the
 * storage engine is merged, a volatile {@link InMemoryLogStore} stands in.
 */
@Singleton
public class StorageLifecycle {
    private static final Logger LOG = Logger.getLogger(StorageLifecycle.class);

    private final InMemoryLogStore store;

    StorageLifecycle(StrataConfig config, MetricsRegistry metrics) {
        this.store = new InMemoryLogStore();
        new StorageMetrics(metrics.registry(), () -> new StorageMetrics.HeadStats(0, 0));
        LOG.infof("storage: in-memory (data dir %s not used yet)", config.dataDir());
    }

    void onStart(@Observes StartupEvent event) {
        // eager creation
    }

    void onStop(@Observes ShutdownEvent event) {
        // nothing to close for the in-memory store
    }

    public LogWriter writer() {
        return store;
    }

    public LogReader reader() {
        return store;
    }
}
