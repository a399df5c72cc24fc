package io.strata.query;

import io.strata.logql.log.GoValues;
import io.strata.model.Labels;
import io.strata.model.Matcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Loki's {@code detected_labels}: the indexed labels of the matching streams with their value
 * cardinality, without labels whose values all look like ids (numbers or UUIDs; {@code 0}/{@code 1}
 * alone count as booleans) unless the label is one of {@code cluster, namespace, instance, pod}.
 */
public final class DetectedLabels {
    /** One label and the number of distinct values it has in the window. */
    public record Label(String label, long cardinality) {}

    private static final Set<String> STATIC = Set.of("cluster", "namespace", "instance", "pod");
    private static final Set<String> HIDDEN = Set.of(StorageQuerier.TENANT_LABEL, "__stream_shard__");

    private DetectedLabels() {}

    public static List<Label> detect(QueryService service, QueryContext context, List<Matcher> selector, long from,
            long through) {
        Map<String, Set<String>> values = new TreeMap<>();
        for (Labels l : service.series(context, selector.isEmpty() ? List.of() : List.of(selector), from, through)) {
            for (int i = 0; i < l.size(); i++) {
                if (!HIDDEN.contains(l.name(i))) {
                    values.computeIfAbsent(l.name(i), k -> new TreeSet<>()).add(l.value(i));
                }
            }
        }
        List<Label> out = new ArrayList<>();
        values.forEach((name, vals) -> {
            if (STATIC.contains(name) || !reject(vals)) {
                out.add(new Label(name, vals.size()));
            }
        });
        return out;
    }

    static boolean reject(Set<String> values) {
        if (values.isEmpty()) {
            return true;
        }
        if (values.size() > 2) {
            return allIds(values);
        }
        for (String v : values) {
            if (!v.equals("0") && !v.equals("1")) {
                return allIds(values);
            }
        }
        return false;
    }

    private static boolean allIds(Set<String> values) {
        for (String v : values) {
            if (!isNumber(v) && !isUuid(v)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isNumber(String v) {
        try {
            GoValues.parseFloat(v);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** google/uuid {@code Parse}: 36 chars with dashes, 38 in braces, 45 with {@code urn:uuid:}, or 32 hex. */
    static boolean isUuid(String v) {
        String s = v;
        if (s.length() == 45 && s.regionMatches(true, 0, "urn:uuid:", 0, 9)) {
            s = s.substring(9);
        } else if (s.length() == 38 && s.charAt(0) == '{' && s.charAt(37) == '}') {
            s = s.substring(1, 37);
        }
        if (s.length() == 32) {
            return hex(s, 0, 32);
        }
        if (s.length() != 36 || s.charAt(8) != '-' || s.charAt(13) != '-' || s.charAt(18) != '-'
                || s.charAt(23) != '-') {
            return false;
        }
        return hex(s, 0, 8) && hex(s, 9, 13) && hex(s, 14, 18) && hex(s, 19, 23) && hex(s, 24, 36);
    }

    private static boolean hex(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (Character.digit(s.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }
}
