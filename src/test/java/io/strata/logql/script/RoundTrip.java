package io.strata.logql.script;

import io.strata.logql.syntax.BinOpExpr;
import io.strata.logql.syntax.Expr;
import io.strata.logql.syntax.LabelReplaceExpr;
import io.strata.logql.syntax.LiteralExpr;
import io.strata.logql.syntax.VectorAggregationExpr;
import io.strata.logql.syntax.LogqlParser;
import io.strata.logql.syntax.LogqlPrinter;

/** print→parse round trip of the syntax package: parse(print(parse(q))) equals parse(q). */
final class RoundTrip {
    private RoundTrip() {}

    static void check(String query) {
        Expr parsed = LogqlParser.parse(query);
        if (hasNonFiniteLiteral(parsed)) {
            return; // NaN/Inf literals (folded 1/0) have no LogQL spelling, in Loki either (LOGQL.md §4)
        }
        String printed = LogqlPrinter.print(parsed);
        Expr reparsed;
        try {
            reparsed = LogqlParser.parse(printed);
        } catch (RuntimeException e) {
            throw new AssertionError("printed query does not parse: " + printed + "\n" + e.getMessage(), e);
        }
        if (!reparsed.equals(parsed)) {
            throw new AssertionError("print→parse changes the query\nprinted:  " + printed + "\nparsed:   " + parsed
                    + "\nreparsed: " + reparsed);
        }
    }

    private static boolean hasNonFiniteLiteral(Expr e) {
        return switch (e) {
            case LiteralExpr l -> !Double.isFinite(l.value());
            case BinOpExpr b -> hasNonFiniteLiteral(b.left()) || hasNonFiniteLiteral(b.right());
            case VectorAggregationExpr v -> hasNonFiniteLiteral(v.inner());
            case LabelReplaceExpr r -> hasNonFiniteLiteral(r.inner());
            default -> false;
        };
    }
}
