package io.strata.ruler;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Loki's rule-group validation ({@code pkg/ruler/compat.go ValidateGroups}): the same checks in
 * the same order with the same message texts, one message per group problem and at most one per
 * rule. The API joins the messages with {@code ", "} into a 400 body.
 */
public final class RuleGroupValidator {
    private static final Pattern LABEL_NAME = Pattern.compile("^[a-zA-Z_][a-zA-Z0-9_]*$");
    private static final Pattern METRIC_NAME = Pattern.compile("^[a-zA-Z_:][a-zA-Z0-9_:]*$");

    private final ExpressionChecker expressions;

    public RuleGroupValidator(ExpressionChecker expressions) {
        this.expressions = expressions;
    }

    /** All problems of the groups of one namespace (empty when valid). */
    public List<String> validate(List<RuleGroup> groups) {
        List<String> errors = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < groups.size(); i++) {
            RuleGroup g = groups.get(i);
            if (g.name().isEmpty()) {
                errors.add("group " + i + ": Groupname must not be empty");
            }
            if (!names.add(g.name())) {
                errors.add("groupname: \"" + g.name() + "\" is repeated in the same file");
            }
            for (Rule r : g.rules()) {
                String e = validateRule(r, g.name());
                if (e != null) {
                    errors.add(e);
                }
            }
        }
        return errors;
    }

    private String validateRule(Rule r, String groupName) {
        if (!r.record().isEmpty() && !r.alert().isEmpty()) {
            return "only one of 'record' and 'alert' must be set";
        }
        if (r.record().isEmpty() && r.alert().isEmpty()) {
            return "one of 'record' or 'alert' must be set";
        }
        if (r.expr().isEmpty()) {
            return "field 'expr' must be set in rule";
        }
        try {
            expressions.check(r.expr());
        } catch (RuntimeException e) {
            String kind = r.isAlerting() ? "alert" : "record";
            return "could not parse expression for " + kind + " '" + r.name() + "' in group '" + groupName + "': "
                    + e.getMessage();
        }
        if (!r.isAlerting()) {
            if (!r.annotations().isEmpty()) {
                return "invalid field 'annotations' in recording rule";
            }
            if (!r.forDuration().isZero()) {
                return "invalid field 'for' in recording rule";
            }
            if (!r.keepFiringFor().isZero()) {
                return "invalid field 'keep_firing_for' in recording rule";
            }
            if (!METRIC_NAME.matcher(r.record()).matches()) {
                return "invalid recording rule name: " + r.record();
            }
        }
        for (Map.Entry<String, String> e : r.labels().entrySet()) {
            if (!LABEL_NAME.matcher(e.getKey()).matches() || e.getKey().equals("__name__")) {
                return "invalid label name: " + e.getKey();
            }
            if (!isValidUtf16(e.getValue())) {
                return "invalid label value: " + e.getValue();
            }
        }
        for (String k : r.annotations().keySet()) {
            if (!LABEL_NAME.matcher(k).matches()) {
                return "invalid annotation name: " + k;
            }
        }
        if (r.isAlerting()) {
            String templateName = "__alert_" + r.alert();
            for (Map.Entry<String, String> e : r.labels().entrySet()) {
                String err = AlertTemplate.parseError(templateName, e.getValue());
                if (err != null) {
                    return "label \"" + e.getKey() + "\": " + err;
                }
            }
            for (Map.Entry<String, String> e : r.annotations().entrySet()) {
                String err = AlertTemplate.parseError(templateName, e.getValue());
                if (err != null) {
                    return "annotation \"" + e.getKey() + "\": " + err;
                }
            }
        }
        return null;
    }

    private static boolean isValidUtf16(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }
}
