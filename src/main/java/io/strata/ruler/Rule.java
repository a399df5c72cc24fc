package io.strata.ruler;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One rule of a group as written in a rule file: exactly one of {@code alert} / {@code record}
 * (the other is the empty string), a LogQL metric expression, and for alerts the {@code for} and
 * {@code keep_firing_for} windows and annotations. Label and annotation maps keep file order.
 */
public record Rule(
        String record,
        String alert,
        String expr,
        Duration forDuration,
        Duration keepFiringFor,
        Map<String, String> labels,
        Map<String, String> annotations) {

    public Rule {
        record = Objects.requireNonNullElse(record, "");
        alert = Objects.requireNonNullElse(alert, "");
        expr = Objects.requireNonNullElse(expr, "");
        forDuration = Objects.requireNonNullElse(forDuration, Duration.ZERO);
        keepFiringFor = Objects.requireNonNullElse(keepFiringFor, Duration.ZERO);
        labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels == null ? Map.of() : labels));
        annotations = Collections.unmodifiableMap(new LinkedHashMap<>(annotations == null ? Map.of() : annotations));
    }

    public static Rule alerting(String name, String expr, Duration forDuration, Map<String, String> labels,
            Map<String, String> annotations) {
        return new Rule("", name, expr, forDuration, Duration.ZERO, labels, annotations);
    }

    public static Rule recording(String name, String expr, Map<String, String> labels) {
        return new Rule(name, "", expr, Duration.ZERO, Duration.ZERO, labels, Map.of());
    }

    public boolean isAlerting() {
        return !alert.isEmpty();
    }

    /** The alert name or the recorded metric name. */
    public String name() {
        return isAlerting() ? alert : record;
    }
}
