package io.strata.logql.syntax;

/** A number literal (sign included): a scalar in metric queries. */
public record LiteralExpr(double value) implements SampleExpr {
}
