package io.strata.ruler;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runtime of one rule group of one tenant: evaluates its rules in order at one timestamp, hands
 * due alerts to the {@link AlertSender} and series to the {@link SampleWriter}. A failing rule is
 * marked {@code err} and the next rule still runs. One evaluation at a time (the scheduler never
 * overlaps them); status getters may be called from any thread.
 */
public final class GroupEvaluator {
    private static final Logger LOG = Logger.getLogger(GroupEvaluator.class.getName());

    private final String tenant;
    private final String namespace;
    private final RuleGroup group;
    private final List<Object> rules = new ArrayList<>(); // AlertingRuleEvaluator | RecordingRuleEvaluator
    private final List<String> queries = new ArrayList<>(); // canonical expression per rule
    private final RulerOptions options;
    private final RulerCounters counters;
    private volatile long lastEvaluation;
    private volatile double evaluationSeconds;

    GroupEvaluator(String tenant, String namespace, RuleGroup group, RulerOptions options, RulerCounters counters) {
        this(tenant, namespace, group, options, counters, ExpressionChecker.ACCEPT_ALL);
    }

    GroupEvaluator(String tenant, String namespace, RuleGroup group, RulerOptions options, RulerCounters counters,
            ExpressionChecker expressions) {
        this.tenant = tenant;
        this.namespace = namespace;
        this.group = group;
        this.options = options;
        this.counters = counters;
        for (Rule r : group.rules()) {
            rules.add(r.isAlerting() ? new AlertingRuleEvaluator(r) : new RecordingRuleEvaluator(r));
            queries.add(expressions.canonical(r.expr()));
        }
    }

    public String tenant() {
        return tenant;
    }

    public String namespace() {
        return namespace;
    }

    public RuleGroup group() {
        return group;
    }

    long intervalMillis() {
        return group.effectiveInterval(options.evaluationInterval()).toMillis();
    }

    /** Evaluates every rule at {@code ts} (epoch ms). */
    void evaluate(long ts, RuleQuerier querier, AlertSender alerts, SampleWriter samples) {
        long start = System.nanoTime();
        List<AlertNotification> due = new ArrayList<>();
        List<RecordedSample> series = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            Object o = rules.get(i);
            long ruleStart = System.nanoTime();
            Rule rule = o instanceof AlertingRuleEvaluator a ? a.rule() : ((RecordingRuleEvaluator) o).rule();
            counters.evaluations.incrementAndGet();
            try {
                List<RuleSample> result = querier.instantQuery(tenant, rule.expr(), Instant.ofEpochMilli(ts));
                if (o instanceof AlertingRuleEvaluator a) {
                    series.addAll(a.apply(ts, result, group.limit(), options, options.resolvedRetention().toMillis()));
                    a.setHealth(RuleHealth.ok(ts, seconds(ruleStart)));
                    due.addAll(a.due(ts, options.resendDelay().toMillis(), intervalMillis(), options.externalLabels(),
                            GrafanaLink.forExpression(options.externalUrl(), queries.get(i), options.datasourceUid())));
                } else {
                    RecordingRuleEvaluator r = (RecordingRuleEvaluator) o;
                    series.addAll(r.apply(ts, result, group.limit()));
                    r.setHealth(RuleHealth.ok(ts, seconds(ruleStart)));
                }
            } catch (RuntimeException e) {
                counters.evaluationFailures.incrementAndGet();
                String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                RuleHealth h = RuleHealth.error(message, ts, seconds(ruleStart));
                if (o instanceof AlertingRuleEvaluator a) {
                    a.setHealth(h);
                } else {
                    ((RecordingRuleEvaluator) o).setHealth(h);
                }
                LOG.log(Level.FINE, "rule {0} of {1}/{2}/{3} failed: {4}",
                        new Object[] {rule.name(), tenant, namespace, group.name(), message});
            }
        }
        if (!options.externalLabels().isEmpty()) {
            series.replaceAll(s -> {
                var b = s.labels().toBuilder();
                options.externalLabels().forEach((k, v) -> {
                    if (!b.has(k)) {
                        b.set(k, v);
                    }
                });
                return new RecordedSample(b.build(), s.value(), s.timestampMillis());
            });
        }
        lastEvaluation = ts;
        evaluationSeconds = seconds(start);
        if (!due.isEmpty()) {
            alerts.send(tenant, due);
        }
        if (!series.isEmpty()) {
            samples.write(tenant, series);
        }
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /** Epoch ms of the last evaluation, 0 = never. */
    public long lastEvaluation() {
        return lastEvaluation;
    }

    public double evaluationSeconds() {
        return evaluationSeconds;
    }

    /** Status of each rule, in group order. */
    public List<RuleStatus> ruleStatuses() {
        List<RuleStatus> out = new ArrayList<>(rules.size());
        for (int i = 0; i < rules.size(); i++) {
            if (rules.get(i) instanceof AlertingRuleEvaluator a) {
                out.add(new RuleStatus(a.rule(), queries.get(i), a.state(), a.health(), a.activeAlerts()));
            } else {
                RecordingRuleEvaluator r = (RecordingRuleEvaluator) rules.get(i);
                out.add(new RuleStatus(r.rule(), queries.get(i), AlertState.INACTIVE, r.health(), List.of()));
            }
        }
        return out;
    }

    /** Alert state per alerting rule key ({@link #ruleKey}), for persistence and reloads. */
    Map<String, List<ActiveAlert>> exportState() {
        Map<String, List<ActiveAlert>> out = new java.util.LinkedHashMap<>();
        for (Object o : rules) {
            if (o instanceof AlertingRuleEvaluator a) {
                List<ActiveAlert> alerts = a.exportAlerts();
                if (!alerts.isEmpty()) {
                    out.put(ruleKey(a.rule()), alerts);
                }
            }
        }
        return out;
    }

    /** Takes over alert state of rules with the same key (name, expression, labels, for). */
    void importState(Map<String, List<ActiveAlert>> state) {
        for (Object o : rules) {
            if (o instanceof AlertingRuleEvaluator a) {
                List<ActiveAlert> alerts = state.get(ruleKey(a.rule()));
                if (alerts != null) {
                    a.importAlerts(alerts);
                }
            }
        }
    }

    static String ruleKey(Rule r) {
        return r.alert() + "\u0000" + r.expr() + "\u0000" + new java.util.TreeMap<>(r.labels()) + "\u0000"
                + r.forDuration().toMillis();
    }

    /** A rule with its runtime state, for the rules API. */
    public record RuleStatus(Rule rule, String query, AlertState state, RuleHealth health, List<AlertSnapshot> alerts) {}
}
