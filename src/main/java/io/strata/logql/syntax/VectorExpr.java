package io.strata.logql.syntax;

/** {@code vector(1)}: one sample with no labels at every step. */
public record VectorExpr(double value) implements SampleExpr {
}
