package io.strata.logql.syntax;

/**
 * A parsed LogQL query: either a log query ({@link LogExpr}) or a metric query ({@link SampleExpr}).
 * Every node is an immutable record holding only what the user wrote (after Loki's own
 * normalisations, see README.md); no runtime state.
 */
public sealed interface Expr permits LogExpr, SampleExpr {
}
