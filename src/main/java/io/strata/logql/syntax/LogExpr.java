package io.strata.logql.syntax;

import io.strata.model.Matcher;
import java.util.List;

/**
 * A log query: a stream selector {@code {app="api", env=~"p.*"}} followed by zero or more
 * pipeline stages. Parentheses around a log query are not kept.
 *
 * @param matchers the selector's matchers in written order (may be empty only before validation)
 * @param stages the pipeline stages in written order
 */
public record LogExpr(List<Matcher> matchers, List<StageExpr> stages) implements Expr {
    public LogExpr {
        matchers = List.copyOf(matchers);
        stages = List.copyOf(stages);
    }

    public static LogExpr of(List<Matcher> matchers) {
        return new LogExpr(matchers, List.of());
    }
}
