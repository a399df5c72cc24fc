package io.strata.logql.syntax;

import java.util.Objects;

/** {@code | pattern "<ip> - <_> <status>"}. */
public record PatternParserExpr(String pattern) implements StageExpr {
    public PatternParserExpr {
        Objects.requireNonNull(pattern);
    }
}
