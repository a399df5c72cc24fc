package io.strata.logql.syntax;

import io.strata.model.Matcher;
import java.util.Objects;

/**
 * An argument of {@code drop}/{@code keep}: a bare label name ({@code matcher == null}) or a
 * matcher ({@code level="debug"}); {@code name} is always the label name.
 */
public record NamedLabelMatcher(String name, Matcher matcher) {
    public NamedLabelMatcher {
        Objects.requireNonNull(name);
        if (matcher != null && !matcher.name().equals(name)) {
            throw new IllegalArgumentException("name must be the matcher's label name");
        }
    }

    public static NamedLabelMatcher named(String name) {
        return new NamedLabelMatcher(name, null);
    }

    public static NamedLabelMatcher of(Matcher matcher) {
        return new NamedLabelMatcher(matcher.name(), matcher);
    }
}
