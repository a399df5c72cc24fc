package io.strata.api;

import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.strata.cluster.Role;
import io.strata.config.StrataConfig;
import io.strata.metrics.MetricsRegistry;
import io.strata.metrics.StorageMetrics;
import io.strata.storage.LogReader;
import io.strata.storage.LogWriter;
import io.strata.storage.ObjectStore;
import io.strata.storage.S3ObjectStore;
import io.strata.storage.S3Options;
import io.strata.storage.Storage;
import io.strata.storage.StorageListener;
import io.strata.storage.StorageOptions;
import io.strata.storage.StorageStats;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Opens the storage engine under {@code strata.data-dir} at startup (replaying the WAL) and closes
 * it at shutdown (syncing the WAL, stopping flush timers). Storage events feed {@link StorageMetrics}.
 *
 * <p>Roles (README "Scale-out"): the store is local or S3 ({@code strata.storage.type}); {@code read}
 * and {@code backend} open it read-only and sync the index every {@code strata.index-sync-period}
 * ({@code all} too when the store is S3), and {@link #reader()} then merges the writers' unflushed
 * data ({@link ClusterWiring}). Writers ({@code write}, {@code all}) flush every head chunk when the
 * process stops, before the WAL closes; {@link #stopping()} turns {@code /ready} to 503 meanwhile.
 */
@Singleton
public class StorageLifecycle {
    private static final Logger LOG = Logger.getLogger(StorageLifecycle.class);
    /** A final flush longer than this is abandoned (the WAL keeps the data); Quarkus' shutdown timeout is 60 s. */
    static final Duration FLUSH_ON_STOP_LIMIT = Duration.ofSeconds(45);

    private final Storage storage;
    private final ObjectStore ownedStore;
    private final LogReader reader;
    private final LogReader recentReader;
    private final Roles roles;
    private volatile boolean stopping;
    private long stopDeadlineNanos;
    private boolean flushedOnStop;

    StorageLifecycle(StrataConfig config, Roles roles, MetricsRegistry metrics, java.time.Clock clock) {
        this.roles = roles;
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
        StorageOptions options = options(config, roles, clock, listener);
        if (roles.s3()) {
            this.ownedStore = new S3ObjectStore(S3Options.fromEnvironment(System.getenv()));
            this.storage = Storage.open(options, ownedStore);
        } else {
            this.ownedStore = null;
            this.storage = Storage.open(options);
        }
        opened[0] = storage;
        this.recentReader = roles.acceptsWrites() ? storage.recentReader(config.chunkRetainPeriod()) : null;
        this.reader = ClusterWiring.reader(config, roles, storage, metrics, clock);
        LOG.infof("storage opened (target %s, %s store) at %s in %d ms", roles.role().configName(),
                roles.s3() ? "s3" : "local", config.dataDir().toAbsolutePath(),
                (System.nanoTime() - start) / 1_000_000);
    }

    /** Options by role; {@code all} over local disk keeps the single-process defaults (no index sync). */
    static StorageOptions options(StrataConfig config, Roles roles, java.time.Clock clock, StorageListener listener) {
        StorageOptions o = StorageOptions.defaults(config.dataDir()).withClock(clock).withListener(listener);
        Role role = roles.role();
        if (role.readsOnly()) {
            o = o.withReadOnly(true).withIndexSyncPeriod(config.indexSyncPeriod());
        } else if (role == Role.ALL && roles.s3()) {
            o = o.withIndexSyncPeriod(config.indexSyncPeriod());
        }
        if (role == Role.WRITE || (role == Role.ALL && roles.s3())) {
            o = o.withChunkRetainPeriod(config.chunkRetainPeriod());
        }
        if (config.instanceId().isPresent() && !config.instanceId().get().isBlank()) {
            o = o.withWriterId(config.instanceId().get().strip());
        }
        return o;
    }

    void onStart(@Observes StartupEvent event) {
        // forces eager creation, so a bad data dir fails the start, not the first request
    }

    /**
     * First step of a graceful stop when {@code quarkus.shutdown.delay-enabled}: HTTP still serves,
     * so readers keep getting this writer's head until the flushed chunks are in the store.
     */
    void onStopping(@Observes ShutdownDelayInitiatedEvent event) {
        stopping = true;
        flushOnStop();
    }

    /** After the ruler stopped (priority 1000): flush what arrived since, then close the WAL. */
    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
        flushOnStop();
        storage.close();
        if (ownedStore != null) {
            ownedStore.close();
        }
    }

    /** Both stop events flush (pushes may arrive between them); together within {@link #FLUSH_ON_STOP_LIMIT}. */
    private synchronized void flushOnStop() {
        if (!roles.acceptsWrites()) {
            return;
        }
        long start = System.nanoTime();
        boolean first = !flushedOnStop;
        if (first) {
            stopDeadlineNanos = start + FLUSH_ON_STOP_LIMIT.toNanos();
            flushedOnStop = true;
        }
        long left = stopDeadlineNanos - start;
        if (left <= 0) {
            return;
        }
        CompletableFuture<Void> flush = CompletableFuture.runAsync(storage::flushAll,
                r -> Thread.ofPlatform().name("strata-stop-flush").daemon(true).start(r));
        try {
            flush.get(left, TimeUnit.NANOSECONDS);
            if (first) {
                LOG.infof("flushed every head chunk before stopping in %d ms", (System.nanoTime() - start) / 1_000_000);
            }
        } catch (java.util.concurrent.TimeoutException e) {
            LOG.warnf("flush before stopping did not finish within %d s; the WAL keeps the rest",
                    FLUSH_ON_STOP_LIMIT.toSeconds());
        } catch (java.util.concurrent.ExecutionException e) {
            LOG.warnf("flush before stopping failed, the WAL keeps the data: %s", e.getCause().toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** True once the process is stopping: {@code /ready} answers 503. */
    public boolean stopping() {
        return stopping;
    }

    public LogWriter writer() {
        return storage;
    }

    /**
     * What queries read: the storage, merged with the writers' unflushed data when this process
     * reads from writers ({@code read}, {@code backend}, or {@code strata.writers} set).
     */
    public LogReader reader() {
        return reader;
    }

    /** Head, pending and just-flushed data, for the internal API; null when this role takes no writes. */
    public LogReader recentReader() {
        return recentReader;
    }

    public Storage storage() {
        return storage;
    }
}
