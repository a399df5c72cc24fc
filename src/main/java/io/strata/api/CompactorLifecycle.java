package io.strata.api;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.strata.compactor.Compactor;
import io.strata.compactor.CompactorOptions;
import io.strata.compactor.DeleteRequests;
import io.strata.compactor.TenantSettings;
import io.strata.config.CompactorConfig;
import io.strata.config.PrometheusDuration;
import io.strata.storage.DeleteRequestStore;
import io.strata.storage.Storage;
import io.strata.tenant.Limits;
import io.strata.tenant.TenantLimits;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The compactor of this process (Loki's {@code compactor} block under {@code strata.compactor.*}):
 * runs every {@code compaction-interval} in targets {@code all} and {@code backend} (index
 * compaction always; retention and delete requests when {@code retention-enabled}), and reloads the
 * storage index after each run. Owns the {@link DeleteRequests} that the delete routes and the
 * query-time filter share.
 */
@Singleton
public class CompactorLifecycle {
    private static final Logger LOG = Logger.getLogger(CompactorLifecycle.class);

    private final Compactor compactor;
    private final DeleteRequests deletes;
    private final boolean runs;
    private final TenantLimits limits;
    private ScheduledExecutorService timer;

    CompactorLifecycle(StorageLifecycle storage, TenantLimits limits, Clock clock,
            CompactorConfig config, Roles roles) {
        this.limits = limits;
        Storage s = storage.storage();
        CompactorOptions options = new CompactorOptions(config.retentionEnabled(),
                positive(PrometheusDuration.parse(config.compactionInterval())),
                PrometheusDuration.parse(config.retentionDeleteDelay()),
                PrometheusDuration.parse(config.deleteRequestCancelPeriod()),
                PrometheusDuration.parse(config.deleteMaxInterval()), Duration.ofHours(24), 262_144);
        this.deletes = new DeleteRequests(new DeleteRequestStore(s.objectStore()), clock,
                options.deleteRequestCancelPeriod(), options.deleteMaxInterval());
        this.compactor = new Compactor(s.objectStore(), options, this::settings, deletes, clock, () -> {
            s.syncIndex();
            deletes.invalidate();
        });
        this.runs = roles.runsBackend();
    }

    private static Duration positive(Duration d) {
        return d.isZero() || d.isNegative() ? Duration.ofMinutes(10) : d;
    }

    void onStart(@Observes StartupEvent event) {
        if (!runs) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "strata-compactor");
            t.setDaemon(true);
            return t;
        });
        long every = compactor.options().compactionInterval().toMillis();
        timer.scheduleWithFixedDelay(this::runQuietly, Math.min(every, 60_000), every, TimeUnit.MILLISECONDS);
    }

    void onStop(@Observes ShutdownEvent event) {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    private void runQuietly() {
        try {
            Compactor.RunResult r = runNow();
            if (r.segmentsMerged() + r.chunksExpired() + r.entriesDeleted() + r.chunksSwept() > 0) {
                LOG.infof("compactor run: %s", r);
            }
        } catch (RuntimeException e) {
            LOG.warnf("compactor run failed, retried next interval: %s", e.toString());
        }
    }

    /** The per-tenant settings the compactor applies. */
    TenantSettings settings(String tenant) {
        Limits l = limits.forTenant(tenant);
        return new TenantSettings(l.retentionPeriod(), l.retentionStream().stream()
                .map(r -> new TenantSettings.StreamRule(r.selector(), r.priority(), r.period())).toList(),
                l.deletionMode());
    }

    /** Runs the compactor now, on the caller's thread (tests and operators). */
    public Compactor.RunResult runNow() {
        synchronized (this) {
            return compactor.runOnce();
        }
    }

    public DeleteRequests deletes() {
        return deletes;
    }

    public boolean retentionEnabled() {
        return compactor.options().retentionEnabled();
    }
}
