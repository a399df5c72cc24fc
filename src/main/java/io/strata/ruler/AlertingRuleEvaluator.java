package io.strata.ruler;

import io.strata.model.Labels;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runtime of one alerting rule: turns each query result into alerts and moves them through
 * inactive → pending → firing → resolved (Prometheus' {@code AlertingRule.Eval} semantics, including
 * {@code for}, {@code keep_firing_for}, the group {@code limit} and the 15 minute resolved retention).
 * Thread-safe: every method holds this object's lock; its {@link ActiveAlert}s are guarded by it.
 */
final class AlertingRuleEvaluator {
    private final Rule rule;
    private final Map<String, AlertTemplate> labelTemplates = new LinkedHashMap<>();
    private final Map<String, AlertTemplate> annotationTemplates = new LinkedHashMap<>();
    private final Map<Labels, ActiveAlert> active = new HashMap<>();
    private RuleHealth health = RuleHealth.UNKNOWN;

    AlertingRuleEvaluator(Rule rule) {
        this.rule = rule;
        String name = "__alert_" + rule.alert();
        rule.labels().forEach((k, v) -> labelTemplates.put(k, parseOrError(name, v)));
        rule.annotations().forEach((k, v) -> annotationTemplates.put(k, parseOrError(name, v)));
    }

    private static AlertTemplate parseOrError(String name, String text) {
        try {
            return AlertTemplate.parse(name, text);
        } catch (IllegalArgumentException e) {
            return AlertTemplate.literal("<error expanding template: " + e.getMessage() + ">");
        }
    }

    Rule rule() {
        return rule;
    }

    /**
     * Applies one evaluation's result at {@code ts}; returns the {@code ALERTS} series samples.
     * Throws {@link IllegalStateException} (with Prometheus' text) for duplicate label sets or an
     * exceeded limit; the latter also clears the alerts, as Prometheus does.
     */
    synchronized List<RecordedSample> apply(long ts, List<RuleSample> result, int limit, RulerOptions options,
            long retentionMillis) {
        Map<Labels, ActiveAlert> fresh = new HashMap<>();
        for (RuleSample s : result) {
            AlertTemplate.Data data = AlertTemplate.Data.of(s.labels(), options.externalLabels(),
                    options.externalUrl(), s.value());
            Labels.Builder lb = s.labels().toBuilder().remove("__name__");
            labelTemplates.forEach((k, t) -> {
                String v = t.expand(data);
                if (v.isEmpty()) {
                    lb.remove(k);
                } else {
                    lb.set(k, v);
                }
            });
            lb.set("alertname", rule.alert());
            Labels labels = lb.build();
            Labels.Builder ab = Labels.builder();
            annotationTemplates.forEach((k, t) -> ab.set(k, t.expand(data)));
            if (fresh.containsKey(labels)) {
                throw new IllegalStateException(
                        "vector contains metrics with the same labelset after applying alert labels");
            }
            fresh.put(labels, new ActiveAlert(labels, ab.build(), AlertState.PENDING, s.value(), ts));
        }
        for (ActiveAlert a : fresh.values()) {
            ActiveAlert existing = active.get(a.labels);
            if (existing != null && existing.state != AlertState.INACTIVE) {
                existing.value = a.value;
                existing.annotations = a.annotations;
                existing.keepFiringSince = 0;
                continue;
            }
            active.put(a.labels, a);
        }
        List<RecordedSample> series = new ArrayList<>();
        int activeCount = 0;
        long forMillis = rule.forDuration().toMillis();
        long keepMillis = rule.keepFiringFor().toMillis();
        var it = active.values().iterator();
        while (it.hasNext()) {
            ActiveAlert a = it.next();
            if (!fresh.containsKey(a.labels)) {
                boolean keepFiring = false;
                if (a.state == AlertState.FIRING && keepMillis > 0) {
                    if (a.keepFiringSince == 0) {
                        a.keepFiringSince = ts;
                    }
                    keepFiring = ts - a.keepFiringSince < keepMillis;
                }
                if (!keepFiring) {
                    if (a.state == AlertState.PENDING || (a.resolvedAt != 0 && ts - a.resolvedAt > retentionMillis)) {
                        it.remove();
                    }
                    if (a.state != AlertState.INACTIVE) {
                        a.state = AlertState.INACTIVE;
                        a.resolvedAt = ts;
                    }
                    continue;
                }
            }
            activeCount++;
            if (a.state == AlertState.PENDING && ts - a.activeAt >= forMillis) {
                a.state = AlertState.FIRING;
                a.firedAt = ts;
            }
            series.add(new RecordedSample(a.labels.toBuilder().set("__name__", "ALERTS")
                    .set("alertstate", a.state.apiName()).build(), 1, ts));
        }
        if (limit > 0 && activeCount > limit) {
            active.clear();
            throw new IllegalStateException("exceeded limit of " + limit + " with " + activeCount + " alerts");
        }
        return series;
    }

    /** Alerts due for (re)sending at {@code ts}; marks them sent. */
    synchronized List<AlertNotification> due(long ts, long resendDelayMillis, long intervalMillis,
            Map<String, String> externalLabels, String generatorUrl) {
        List<AlertNotification> out = new ArrayList<>();
        for (ActiveAlert a : active.values()) {
            if (!a.needsSending(ts, resendDelayMillis)) {
                continue;
            }
            a.lastSentAt = ts;
            a.validUntil = ts + 4 * Math.max(intervalMillis, resendDelayMillis);
            Labels labels = a.labels;
            if (!externalLabels.isEmpty()) {
                Labels.Builder b = labels.toBuilder();
                externalLabels.forEach((k, v) -> {
                    if (!b.has(k)) {
                        b.set(k, v);
                    }
                });
                labels = b.build();
            }
            out.add(new AlertNotification(labels, a.annotations, a.firedAt,
                    a.resolvedAt != 0 ? a.resolvedAt : a.validUntil, generatorUrl));
        }
        return out;
    }

    /** The rule's state: the most severe of its unresolved alerts. */
    synchronized AlertState state() {
        AlertState s = AlertState.INACTIVE;
        for (ActiveAlert a : active.values()) {
            if (a.resolvedAt == 0 && a.state.ordinal() > s.ordinal()) {
                s = a.state;
            }
        }
        return s;
    }

    /** Pending and firing alerts (resolved ones are hidden, as in Prometheus' API), sorted by labels. */
    synchronized List<AlertSnapshot> activeAlerts() {
        return active.values().stream().filter(a -> a.resolvedAt == 0 && a.state != AlertState.INACTIVE)
                .map(ActiveAlert::snapshot).sorted((x, y) -> x.labels().compareTo(y.labels())).toList();
    }

    synchronized RuleHealth health() {
        return health;
    }

    synchronized void setHealth(RuleHealth h) {
        health = h;
    }

    /** Copies of all alerts, resolved ones included, for persistence or a rule reload. */
    synchronized List<ActiveAlert> exportAlerts() {
        List<ActiveAlert> out = new ArrayList<>();
        for (ActiveAlert a : active.values()) {
            out.add(copy(a));
        }
        return out;
    }

    /** Replaces the alerts (restored state or state carried over from the previous version of the rule). */
    synchronized void importAlerts(List<ActiveAlert> alerts) {
        active.clear();
        for (ActiveAlert a : alerts) {
            active.put(a.labels, copy(a));
        }
    }

    private static ActiveAlert copy(ActiveAlert a) {
        ActiveAlert c = new ActiveAlert(a.labels, a.annotations, a.state, a.value, a.activeAt);
        c.firedAt = a.firedAt;
        c.resolvedAt = a.resolvedAt;
        c.lastSentAt = a.lastSentAt;
        c.validUntil = a.validUntil;
        c.keepFiringSince = a.keepFiringSince;
        return c;
    }
}
