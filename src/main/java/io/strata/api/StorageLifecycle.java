package io.strata.api;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.strata.config.StrataConfig;
import io.strata.metrics.MetricsRegistry;
import io.strata.metrics.StorageMetrics;
import io.strata.storage.LogReader;
import io.strata.storage.LogWriter;
import io.strata.storage.Storage;
import io.strata.storage.StorageListener;
import io.strata.storage.StorageOptions;
import io.strata.storage.StorageStats;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

/**
 * Opens the storage engine under {@code strata.data-dir} at startup (replaying the WAL) and closes
 * it at shutdown (syncing the WAL, stopping flush timers). Storage events feed {@link StorageMetrics}.
 */
@Singleton
public class StorageLifecycle {
    private static final Logger LOG = Logger.getLogger(StorageLifecycle.class);

    private final Storage storage;

    StorageLifecycle(StrataConfig config, MetricsRegistry metrics, java.time.Clock clock) {
        Storage[] opened = new Storage[1];
        StorageMetrics storageMetrics = new StorageMetrics(metrics.registry(), () -> {
            Storage s = opened[0];
            if (s == null) {
                return new StorageMetrics.HeadStats(0, 0, 0, 0);
            }
            StorageStats st = s.stats();
            return new StorageMetrics.HeadStats(st.headStreams(), st.headBytes(), st.cacheHits(), st.cacheMisses());
        });
        StorageListener listener = new StorageListener() {
            @Override
            public void walSynced(long nanos, int records) {
                storageMetrics.walSynced(nanos, records);
            }

            @Override
            public void chunkFlushed(String tenant, long compressedBytes, long entries, String reason) {
                storageMetrics.chunkFlushed(tenant, compressedBytes, entries);
            }

            @Override
            public void flushFailed(Throwable cause) {
                LOG.warnf("flush failed, chunks stay in the head and are retried: %s", cause.toString());
            }
        };
        long start = System.nanoTime();
        this.storage = Storage.open(StorageOptions.defaults(config.dataDir()).withClock(clock).withListener(listener));
        opened[0] = storage;
        LOG.infof("storage opened at %s in %d ms", config.dataDir().toAbsolutePath(),
                (System.nanoTime() - start) / 1_000_000);
    }

    void onStart(@Observes StartupEvent event) {
        // forces eager creation, so a bad data dir fails the start, not the first request
    }

    void onStop(@Observes ShutdownEvent event) {
        storage.close();
    }

    public LogWriter writer() {
        return storage;
    }

    public LogReader reader() {
        return storage;
    }

    public Storage storage() {
        return storage;
    }
}
