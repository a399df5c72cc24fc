package io.strata.logql.syntax;

import java.util.List;
import java.util.Objects;

/**
 * {@code on (a) group_left (b)} / {@code ignoring (a) group_right}. {@link #DEFAULT} is one-to-one
 * matching on all labels (no clause).
 *
 * @param on true for {@code on(...)}, false for {@code ignoring(...)} or no clause
 * @param labels the on/ignoring labels
 * @param card the cardinality (group_left = MANY_TO_ONE, group_right = ONE_TO_MANY)
 * @param include the extra labels of group_left/group_right
 */
public record VectorMatching(boolean on, List<String> labels, Cardinality card, List<String> include) {
    public static final VectorMatching DEFAULT = new VectorMatching(false, List.of(), Cardinality.ONE_TO_ONE, List.of());

    public VectorMatching {
        labels = List.copyOf(labels);
        Objects.requireNonNull(card);
        include = List.copyOf(include);
    }

    public enum Cardinality {
        ONE_TO_ONE,
        MANY_TO_ONE,
        ONE_TO_MANY
    }
}
