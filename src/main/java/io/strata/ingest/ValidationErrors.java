package io.strata.ingest;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Loki's {@code GroupedErrors}: messages joined by {@code "; "}, each prefixed with
 * {@code "N errors like: "} when more than one distinct message or a repeated message exists.
 * Messages are kept in first-seen order (Loki's order is a Go map's, i.e. random).
 */
final class ValidationErrors {
    private final Map<String, Integer> counts = new LinkedHashMap<>();

    void add(String message) {
        counts.merge(message, 1, Integer::sum);
    }

    boolean isEmpty() {
        return counts.isEmpty();
    }

    String message() {
        StringBuilder sb = new StringBuilder();
        boolean grouped = counts.size() > 1;
        for (var e : counts.entrySet()) {
            if (!sb.isEmpty()) {
                sb.append("; ");
            }
            if (grouped || e.getValue() > 1) {
                sb.append(e.getValue()).append(" errors like: ");
            }
            sb.append(e.getKey());
        }
        return sb.toString();
    }
}
