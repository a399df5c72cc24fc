package io.strata.logql.syntax;

import java.util.Objects;

/**
 * {@code sum by (app) (...)}, {@code topk(5, ...)}.
 *
 * @param op the operator
 * @param inner the aggregated expression
 * @param parameter k for topk/bottomk/approx_topk, 0 otherwise
 * @param grouping never null; {@link Grouping#NONE} when no clause was written
 */
public record VectorAggregationExpr(VectorOp op, SampleExpr inner, int parameter, Grouping grouping)
        implements SampleExpr {
    public VectorAggregationExpr {
        Objects.requireNonNull(op);
        Objects.requireNonNull(inner);
        Objects.requireNonNull(grouping);
    }
}
