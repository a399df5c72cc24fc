package io.strata.ruler;

/**
 * Parses a LogQL expression when a rule is loaded or stored. The wiring binds it to the LogQL
 * parser ({@code LogqlParser.parse}) and, since rules need sample results, rejects log queries.
 */
@FunctionalInterface
public interface ExpressionChecker {
    /** Accepts everything; for tests and until a parser is wired. */
    ExpressionChecker ACCEPT_ALL = expr -> {};

    /**
     * Returns normally for a valid expression; otherwise throws with the parser's message (e.g.
     * {@code parse error at line 1, col 5: syntax error: unexpected IDENTIFIER}).
     */
    void check(String expr) throws IllegalArgumentException;
}
