package io.strata.logql.syntax;

import java.util.List;

/** {@code | drop a, b="v", c=~"re"}. */
public record DropLabelsExpr(List<NamedLabelMatcher> labels) implements StageExpr {
    public DropLabelsExpr {
        labels = List.copyOf(labels);
    }
}
