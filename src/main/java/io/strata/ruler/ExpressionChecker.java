package io.strata.ruler;

/**
 * Parses a LogQL expression when a rule is loaded or stored ({@link LogqlExpressionChecker} binds
 * it to the LogQL parser, as Loki's {@code syntax.ParseExpr}), and gives the expression's canonical
 * text, which Loki shows as the rule's {@code query} and puts in the {@code generatorURL}.
 */
public interface ExpressionChecker {
    /** Accepts everything and keeps expressions as written; for tests. */
    ExpressionChecker ACCEPT_ALL = expr -> {};

    /**
     * Returns normally for a valid expression; otherwise throws a {@link RuntimeException} whose
     * message is the parser's (e.g. {@code parse error at line 1, col 5: syntax error: ...}).
     */
    void check(String expr);

    /** The canonical text of a valid expression (default: as written). */
    default String canonical(String expr) {
        return expr;
    }
}
