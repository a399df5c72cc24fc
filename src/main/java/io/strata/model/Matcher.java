package io.strata.model;

import com.google.re2j.Pattern;
import java.util.Objects;

/**
 * One label matcher such as {@code app=~"api|web"}. Regexes are RE2 (linear time, no
 * catastrophic backtracking) and fully anchored, as in Loki and Prometheus. A missing label
 * matches as the empty string.
 */
public final class Matcher {
    private final MatchType type;
    private final String name;
    private final String value;
    private final Pattern pattern; // null for EQUAL / NOT_EQUAL

    private Matcher(MatchType type, String name, String value) {
        this.type = Objects.requireNonNull(type);
        this.name = Objects.requireNonNull(name);
        this.value = Objects.requireNonNull(value);
        if (type == MatchType.REGEX || type == MatchType.NOT_REGEX) {
            try {
                this.pattern = Pattern.compile("^(?:" + value + ")$", Pattern.DOTALL);
            } catch (com.google.re2j.PatternSyntaxException e) {
                throw StrataException.badRequest("error parsing regexp: " + e.getMessage());
            }
        } else {
            this.pattern = null;
        }
    }

    /** Builds a matcher; an invalid regex throws a {@link StrataException} of category BAD_REQUEST. */
    public static Matcher of(MatchType type, String name, String value) {
        return new Matcher(type, name, value);
    }

    public static Matcher equal(String name, String value) {
        return new Matcher(MatchType.EQUAL, name, value);
    }

    public MatchType type() {
        return type;
    }

    public String name() {
        return name;
    }

    public String value() {
        return value;
    }

    /** Whether a label value (empty string when the label is absent) satisfies this matcher. */
    public boolean matches(String labelValue) {
        String v = labelValue == null ? "" : labelValue;
        return switch (type) {
            case EQUAL -> v.equals(value);
            case NOT_EQUAL -> !v.equals(value);
            case REGEX -> pattern.matcher(v).matches();
            case NOT_REGEX -> !pattern.matcher(v).matches();
        };
    }

    /** Whether the label set satisfies this matcher. */
    public boolean matches(Labels labels) {
        return matches(labels.get(name));
    }

    /** True when the matcher also matches the empty string (so it cannot select streams on its own). */
    public boolean matchesEmpty() {
        return matches("");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Matcher m && m.type == type && m.name.equals(name) && m.value.equals(value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, name, value);
    }

    /** Loki's rendering, e.g. {@code app=~"a|b"} with Go-style quoting of the value. */
    @Override
    public String toString() {
        return name + type.symbol() + Labels.quote(value);
    }
}
