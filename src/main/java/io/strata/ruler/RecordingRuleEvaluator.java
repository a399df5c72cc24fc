package io.strata.ruler;

import io.strata.model.Labels;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Runtime of one recording rule: names and labels the result series. Thread-safe (health under this lock). */
final class RecordingRuleEvaluator {
    private final Rule rule;
    private RuleHealth health = RuleHealth.UNKNOWN;

    RecordingRuleEvaluator(Rule rule) {
        this.rule = rule;
    }

    Rule rule() {
        return rule;
    }

    /** The series to write; throws {@link IllegalStateException} with Prometheus' text on duplicates or limit. */
    List<RecordedSample> apply(long ts, List<RuleSample> result, int limit) {
        List<RecordedSample> out = new ArrayList<>(result.size());
        Set<Labels> seen = new HashSet<>();
        for (RuleSample s : result) {
            Labels.Builder b = s.labels().toBuilder().set("__name__", rule.record());
            rule.labels().forEach((k, v) -> {
                if (v.isEmpty()) {
                    b.remove(k);
                } else {
                    b.set(k, v);
                }
            });
            Labels labels = b.build();
            if (!seen.add(labels)) {
                throw new IllegalStateException(
                        "vector contains metrics with the same labelset after applying rule labels");
            }
            out.add(new RecordedSample(labels, s.value(), ts));
        }
        if (limit > 0 && out.size() > limit) {
            throw new IllegalStateException("exceeded limit of " + limit + " with " + out.size() + " series");
        }
        return out;
    }

    synchronized RuleHealth health() {
        return health;
    }

    synchronized void setHealth(RuleHealth h) {
        health = h;
    }
}
