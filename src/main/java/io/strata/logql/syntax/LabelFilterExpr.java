package io.strata.logql.syntax;

import java.util.Objects;

/** A label-filter stage {@code | status >= 400 or level="error"}. */
public record LabelFilterExpr(LabelFilter filter) implements StageExpr {
    public LabelFilterExpr {
        Objects.requireNonNull(filter);
    }
}
