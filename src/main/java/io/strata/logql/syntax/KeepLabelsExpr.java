package io.strata.logql.syntax;

import java.util.List;

/** {@code | keep a, b="v"}. */
public record KeepLabelsExpr(List<NamedLabelMatcher> labels) implements StageExpr {
    public KeepLabelsExpr {
        labels = List.copyOf(labels);
    }
}
