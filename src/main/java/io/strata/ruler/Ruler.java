package io.strata.ruler;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The ruler, assembled: rule store, configuration API service, scheduler, Alertmanager notifier,
 * remote-write client and alert-state file. The wiring creates one, calls {@link #start()}, routes
 * the ruler endpoints to {@link #config()}, {@link #rulesJson} and {@link #alertsJson}, and closes it
 * on shutdown (which saves alert state).
 */
public final class Ruler implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Ruler.class.getName());
    private static final long TICK_MILLIS = 200;

    private final RulerOptions options;
    private final RulerCounters counters = new RulerCounters();
    private final AlertmanagerNotifier notifier;
    private final RemoteWriteClient remoteWrite;
    private final RuleScheduler scheduler;
    private final RuleConfigService config;
    private final ExecutorService evaluations = Executors.newVirtualThreadPerTaskExecutor();
    private ScheduledExecutorService timer;

    public Ruler(RulerOptions options, RuleStore store, RuleQuerier querier, ExpressionChecker checker,
            Function<String, RulerTenantOptions> limits, Clock clock) {
        this.options = options;
        this.notifier = new AlertmanagerNotifier(options, limits, counters);
        this.remoteWrite = new RemoteWriteClient(options, limits, counters);
        AlertStateFile stateFile = options.stateDir() == null ? null : new AlertStateFile(options.stateDir());
        this.scheduler = new RuleScheduler(store, querier, notifier, remoteWrite, options, limits, clock, evaluations,
                counters, stateFile, checker);
        this.config = new RuleConfigService(store, new RuleGroupValidator(checker), limits, scheduler::syncTenant);
    }

    /** Loads all rules and starts evaluating. */
    public synchronized void start() {
        if (timer != null) {
            return;
        }
        scheduler.sync();
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "strata-ruler-scheduler");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::tickSafely, 0, TICK_MILLIS, TimeUnit.MILLISECONDS);
        long poll = Math.max(1000, options.pollInterval().toMillis());
        timer.scheduleWithFixedDelay(this::syncSafely, poll, poll, TimeUnit.MILLISECONDS);
    }

    private void tickSafely() {
        try {
            scheduler.tick();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "ruler tick failed", e);
        }
    }

    private void syncSafely() {
        try {
            scheduler.sync();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "cannot re-read rules; keeping the loaded ones", e);
        }
    }

    public RuleConfigService config() {
        return config;
    }

    public RuleScheduler scheduler() {
        return scheduler;
    }

    public RulerCounters counters() {
        return counters;
    }

    /** Body of {@code GET /prometheus/api/v1/rules} ({@code application/json}). */
    public byte[] rulesJson(String tenant, RuleStatusJson.Filter filter) {
        return RuleStatusJson.rules(scheduler.groups(tenant), filter, options.evaluationInterval());
    }

    /** Body of {@code GET /prometheus/api/v1/alerts} ({@code application/json}). */
    public byte[] alertsJson(String tenant) {
        return RuleStatusJson.alerts(scheduler.groups(tenant));
    }

    /** For tests: waits until queued notifications and samples were delivered or dropped. */
    public boolean awaitDelivery(Duration timeout) throws InterruptedException {
        return notifier.awaitIdle(timeout) && remoteWrite.awaitIdle(timeout);
    }

    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
        evaluations.shutdown();
        try {
            evaluations.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        scheduler.saveDirtyState();
        notifier.close();
        remoteWrite.close();
    }

}
