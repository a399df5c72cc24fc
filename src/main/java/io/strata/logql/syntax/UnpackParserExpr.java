package io.strata.logql.syntax;

/** {@code | unpack}. */
public record UnpackParserExpr() implements StageExpr {
}
