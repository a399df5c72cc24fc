package io.strata.ruler;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps one {@link GroupEvaluator} per (tenant, namespace, group) in step with the {@link RuleStore}
 * and runs each on its interval. Evaluation times are aligned slots {@code k * interval + offset}
 * (offset a stable hash of the group, as Prometheus spreads groups), so a new or changed group runs
 * at its first slot, at most one interval later. {@link #tick()} starts due groups on the executor;
 * a group still running when its next slot comes skips that slot (counted as missed), so a slow or
 * hanging rule only delays its own group. Thread-safe: {@link #sync} and {@link #tick} are
 * synchronized; the slot map is concurrent for status readers.
 */
public final class RuleScheduler {
    private static final Logger LOG = Logger.getLogger(RuleScheduler.class.getName());

    private final RuleStore store;
    private final RuleQuerier querier;
    private final AlertSender alerts;
    private final SampleWriter samples;
    private final RulerOptions options;
    private final Function<String, RulerTenantOptions> limits;
    private final Clock clock;
    private final Executor executor;
    private final RulerCounters counters;
    private final AlertStateFile stateFile; // null = no persistence
    private final ExpressionChecker expressions;
    private final Map<String, Slot> slots = new ConcurrentHashMap<>();
    private final Set<String> dirtyTenants = ConcurrentHashMap.newKeySet();
    private final Map<String, Map<String, Map<String, List<ActiveAlert>>>> restored = new HashMap<>();
    private final Map<String, String> limitErrors = new ConcurrentHashMap<>();

    /** One scheduled group. {@code nextEval} is only touched under the scheduler's lock. */
    private static final class Slot {
        final GroupEvaluator evaluator;
        final AtomicBoolean running = new AtomicBoolean();
        long nextEval;

        Slot(GroupEvaluator evaluator) {
            this.evaluator = evaluator;
        }
    }

    public RuleScheduler(RuleStore store, RuleQuerier querier, AlertSender alerts, SampleWriter samples,
            RulerOptions options, Function<String, RulerTenantOptions> limits, Clock clock, Executor executor,
            RulerCounters counters, AlertStateFile stateFile) {
        this(store, querier, alerts, samples, options, limits, clock, executor, counters, stateFile,
                ExpressionChecker.ACCEPT_ALL);
    }

    public RuleScheduler(RuleStore store, RuleQuerier querier, AlertSender alerts, SampleWriter samples,
            RulerOptions options, Function<String, RulerTenantOptions> limits, Clock clock, Executor executor,
            RulerCounters counters, AlertStateFile stateFile, ExpressionChecker expressions) {
        this.expressions = expressions;
        this.store = store;
        this.querier = querier;
        this.alerts = alerts;
        this.samples = samples;
        this.options = options;
        this.limits = limits;
        this.clock = clock;
        this.executor = executor;
        this.counters = counters;
        this.stateFile = stateFile;
    }

    /** Re-reads every tenant's rules. */
    public synchronized void sync() {
        List<String> tenants = store.tenants();
        for (String tenant : tenants) {
            syncTenant(tenant);
        }
        for (String key : List.copyOf(slots.keySet())) {
            if (!tenants.contains(key.substring(0, key.indexOf('\u0000')))) {
                slots.remove(key);
            }
        }
    }

    /** Re-reads one tenant's rules (called after every API change). */
    public synchronized void syncTenant(String tenant) {
        RulerTenantOptions tl = limits.apply(tenant);
        Map<String, RuleGroup> wanted = new LinkedHashMap<>();
        Map<String, String> namespaceOf = new HashMap<>();
        int groupCount = 0;
        for (Map.Entry<String, List<RuleGroup>> ns : store.namespaces(tenant).entrySet()) {
            for (RuleGroup g : ns.getValue()) {
                String key = key(tenant, ns.getKey(), g.name());
                if (tl.maxRulesPerRuleGroup() > 0 && g.rules().size() > tl.maxRulesPerRuleGroup()) {
                    limitError(key, "per-user rules per rule group limit (limit: " + tl.maxRulesPerRuleGroup()
                            + " actual: " + g.rules().size() + ") exceeded");
                    continue;
                }
                if (tl.maxRuleGroupsPerTenant() > 0 && ++groupCount > tl.maxRuleGroupsPerTenant()) {
                    limitError(key, "per-user rule groups limit (limit: " + tl.maxRuleGroupsPerTenant()
                            + ") exceeded");
                    continue;
                }
                limitErrors.remove(key);
                wanted.put(key, g);
                namespaceOf.put(key, ns.getKey());
            }
        }
        long now = clock.millis();
        String prefix = tenant + "\u0000";
        for (String key : List.copyOf(slots.keySet())) {
            if (key.startsWith(prefix) && !wanted.containsKey(key)) {
                slots.remove(key);
                dirtyTenants.add(tenant);
            }
        }
        for (Map.Entry<String, RuleGroup> e : wanted.entrySet()) {
            Slot old = slots.get(e.getKey());
            if (old != null && old.evaluator.group().equals(e.getValue())) {
                continue;
            }
            String ns = namespaceOf.get(e.getKey());
            GroupEvaluator ev = new GroupEvaluator(tenant, ns, e.getValue(), options, counters, expressions);
            if (old != null) {
                ev.importState(old.evaluator.exportState());
            } else {
                Map<String, List<ActiveAlert>> saved = restoredState(tenant).remove(ns + "/" + e.getValue().name());
                if (saved != null) {
                    ev.importState(saved);
                }
            }
            Slot slot = new Slot(ev);
            slot.nextEval = firstSlotAtOrAfter(now, ev.intervalMillis(), offset(e.getKey(), ev.intervalMillis()));
            slots.put(e.getKey(), slot);
        }
    }

    private void limitError(String key, String message) {
        if (!message.equals(limitErrors.put(key, message))) {
            LOG.log(Level.WARNING, "rule group {0} not evaluated: {1}", new Object[] {key.replace('\u0000', '/'),
                    message});
        }
    }

    private Map<String, Map<String, List<ActiveAlert>>> restoredState(String tenant) {
        return restored.computeIfAbsent(tenant, t -> stateFile == null ? new HashMap<>()
                : new HashMap<>(stateFile.load(t, clock.millis(), options.forOutageTolerance().toMillis())));
    }

    /** Starts every due group; saves alert state of tenants whose groups ran since the last tick. */
    public synchronized void tick() {
        long now = clock.millis();
        for (Slot slot : slots.values()) {
            if (now < slot.nextEval) {
                continue;
            }
            long interval = slot.evaluator.intervalMillis();
            long ts = slot.nextEval + (now - slot.nextEval) / interval * interval;
            long missed = (ts - slot.nextEval) / interval;
            slot.nextEval = ts + interval;
            if (!slot.running.compareAndSet(false, true)) {
                counters.iterationsMissed.addAndGet(missed + 1);
                continue;
            }
            counters.iterationsMissed.addAndGet(missed);
            GroupEvaluator ev = slot.evaluator;
            try {
                executor.execute(() -> {
                    try {
                        ev.evaluate(ts, querier, alerts, samples);
                    } catch (RuntimeException e) {
                        LOG.log(Level.WARNING, "rule group evaluation failed", e);
                    } finally {
                        dirtyTenants.add(ev.tenant());
                        slot.running.set(false);
                    }
                });
            } catch (RuntimeException e) {
                slot.running.set(false);
                LOG.log(Level.WARNING, "cannot start rule group evaluation", e);
            }
        }
        saveDirtyState();
    }

    /** Writes the alert state of tenants changed since the last save. */
    public synchronized void saveDirtyState() {
        if (stateFile == null || dirtyTenants.isEmpty()) {
            dirtyTenants.clear();
            return;
        }
        for (String tenant : List.copyOf(dirtyTenants)) {
            dirtyTenants.remove(tenant);
            Map<String, Map<String, List<ActiveAlert>>> state = new LinkedHashMap<>();
            for (GroupEvaluator ev : groups(tenant)) {
                Map<String, List<ActiveAlert>> g = ev.exportState();
                if (!g.isEmpty()) {
                    state.put(ev.namespace() + "/" + ev.group().name(), g);
                }
            }
            try {
                stateFile.save(tenant, state, clock.millis());
            } catch (RuntimeException e) {
                counters.stateSaveFailures.incrementAndGet();
                LOG.log(Level.WARNING, "cannot save alert state of tenant " + tenant, e);
            }
        }
    }

    /** The scheduled groups of a tenant, sorted by namespace then group name. */
    public List<GroupEvaluator> groups(String tenant) {
        String prefix = tenant + "\u0000";
        List<GroupEvaluator> out = new ArrayList<>();
        slots.forEach((k, s) -> {
            if (k.startsWith(prefix)) {
                out.add(s.evaluator);
            }
        });
        out.sort(Comparator.comparing(GroupEvaluator::namespace).thenComparing(g -> g.group().name()));
        return out;
    }

    /** Groups skipped because of per-tenant limits: {@code tenant/namespace/group} → message. */
    public Map<String, String> limitErrors() {
        Map<String, String> out = new LinkedHashMap<>();
        limitErrors.forEach((k, v) -> out.put(k.replace('\u0000', '/'), v));
        return out;
    }

    /** When the group will next run (epoch ms), for tests and status. */
    public long nextEvaluation(String tenant, String namespace, String group) {
        Slot s = slots.get(key(tenant, namespace, group));
        return s == null ? -1 : s.nextEval;
    }

    static long offset(String key, long interval) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < key.length(); i++) {
            h = (h ^ key.charAt(i)) * 0x100000001b3L;
        }
        return Math.floorMod(h, interval);
    }

    static long firstSlotAtOrAfter(long now, long interval, long offset) {
        long k = Math.floorDiv(now - offset, interval);
        long slot = k * interval + offset;
        return slot < now ? slot + interval : slot;
    }

    private static String key(String tenant, String namespace, String group) {
        return tenant + "\u0000" + namespace + "\u0000" + group;
    }
}
