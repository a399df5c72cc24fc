package io.strata.logql.syntax;

/** A metric query: something that evaluates to a vector (or a scalar, for literals). */
public sealed interface SampleExpr extends Expr
        permits RangeAggregationExpr, VectorAggregationExpr, BinOpExpr, LiteralExpr, VectorExpr, LabelReplaceExpr {
}
