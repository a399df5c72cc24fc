package io.strata.logql.syntax;

/** {@code | decolorize}. */
public record DecolorizeExpr() implements StageExpr {
}
