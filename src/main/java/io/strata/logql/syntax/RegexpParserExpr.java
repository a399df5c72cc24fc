package io.strata.logql.syntax;

import java.util.Objects;

/** {@code | regexp "(?P<name>re)"}; the parser has checked the regex has a named capture. */
public record RegexpParserExpr(String regex) implements StageExpr {
    public RegexpParserExpr {
        Objects.requireNonNull(regex);
    }
}
