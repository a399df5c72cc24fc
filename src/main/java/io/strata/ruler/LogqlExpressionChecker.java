package io.strata.ruler;

import io.strata.logql.syntax.LogqlParser;
import io.strata.logql.syntax.LogqlPrinter;

/** Checks rule expressions with the LogQL parser (Loki's {@code syntax.ParseExpr}) and prints them canonically. */
public final class LogqlExpressionChecker implements ExpressionChecker {
    @Override
    public void check(String expr) {
        LogqlParser.parse(expr);
    }

    @Override
    public String canonical(String expr) {
        try {
            return LogqlPrinter.print(LogqlParser.parse(expr));
        } catch (RuntimeException e) {
            return expr;
        }
    }
}
