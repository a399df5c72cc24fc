package io.strata.logql.syntax;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * {@code rate({app="a"}[5m])}, {@code quantile_over_time(0.99, ... | unwrap x [1m]) by (app)}.
 *
 * @param op the function
 * @param range the log range argument
 * @param parameter the quantile for quantile_over_time, empty otherwise
 * @param grouping the grouping written after the call, or null when absent
 */
public record RangeAggregationExpr(RangeOp op, LogRangeExpr range, OptionalDouble parameter, Grouping grouping)
        implements SampleExpr {
    public RangeAggregationExpr {
        Objects.requireNonNull(op);
        Objects.requireNonNull(range);
        Objects.requireNonNull(parameter);
    }
}
