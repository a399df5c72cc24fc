package io.strata.logql.script;

import io.strata.logql.syntax.Expr;
import io.strata.logql.syntax.LogqlParser;
import io.strata.logql.syntax.LogqlPrinter;

/** print→parse round trip of the syntax package: parse(print(parse(q))) equals parse(q). */
final class RoundTrip {
    private RoundTrip() {}

    static void check(String query) {
        Expr parsed = LogqlParser.parse(query);
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
}
