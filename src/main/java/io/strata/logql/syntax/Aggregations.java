package io.strata.logql.syntax;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Set;

/** Range and vector aggregations: parsing of the log-range argument and Loki's validation rules. */
final class Aggregations {
    private static final Set<RangeOp> GROUPING_ALLOWED = EnumSet.of(RangeOp.AVG_OVER_TIME, RangeOp.STDDEV_OVER_TIME,
            RangeOp.STDVAR_OVER_TIME, RangeOp.QUANTILE_OVER_TIME, RangeOp.MAX_OVER_TIME, RangeOp.MIN_OVER_TIME,
            RangeOp.FIRST_OVER_TIME, RangeOp.LAST_OVER_TIME);
    private static final Set<RangeOp> UNWRAP_ALLOWED = EnumSet.of(RangeOp.AVG_OVER_TIME, RangeOp.SUM_OVER_TIME,
            RangeOp.MAX_OVER_TIME, RangeOp.MIN_OVER_TIME, RangeOp.STDDEV_OVER_TIME, RangeOp.STDVAR_OVER_TIME,
            RangeOp.QUANTILE_OVER_TIME, RangeOp.RATE, RangeOp.RATE_COUNTER, RangeOp.ABSENT_OVER_TIME,
            RangeOp.FIRST_OVER_TIME, RangeOp.LAST_OVER_TIME);
    private static final Set<RangeOp> NO_UNWRAP_ALLOWED = EnumSet.of(RangeOp.BYTES_OVER_TIME, RangeOp.BYTES_RATE,
            RangeOp.COUNT_OVER_TIME, RangeOp.RATE, RangeOp.ABSENT_OVER_TIME);

    private final TokenStream ts;
    private final PipelineParser pipes;

    Aggregations(TokenStream ts, PipelineParser pipes) {
        this.ts = ts;
        this.pipes = pipes;
    }

    static RangeOp rangeOp(Tok k) {
        return switch (k) {
            case COUNT_OVER_TIME -> RangeOp.COUNT_OVER_TIME;
            case RATE -> RangeOp.RATE;
            case RATE_COUNTER -> RangeOp.RATE_COUNTER;
            case BYTES_OVER_TIME -> RangeOp.BYTES_OVER_TIME;
            case BYTES_RATE -> RangeOp.BYTES_RATE;
            case AVG_OVER_TIME -> RangeOp.AVG_OVER_TIME;
            case SUM_OVER_TIME -> RangeOp.SUM_OVER_TIME;
            case MIN_OVER_TIME -> RangeOp.MIN_OVER_TIME;
            case MAX_OVER_TIME -> RangeOp.MAX_OVER_TIME;
            case STDVAR_OVER_TIME -> RangeOp.STDVAR_OVER_TIME;
            case STDDEV_OVER_TIME -> RangeOp.STDDEV_OVER_TIME;
            case QUANTILE_OVER_TIME -> RangeOp.QUANTILE_OVER_TIME;
            case FIRST_OVER_TIME -> RangeOp.FIRST_OVER_TIME;
            case LAST_OVER_TIME -> RangeOp.LAST_OVER_TIME;
            case ABSENT_OVER_TIME -> RangeOp.ABSENT_OVER_TIME;
            default -> null;
        };
    }

    static VectorOp vectorOp(Tok k) {
        return switch (k) {
            case SUM -> VectorOp.SUM;
            case AVG -> VectorOp.AVG;
            case COUNT -> VectorOp.COUNT;
            case MAX -> VectorOp.MAX;
            case MIN -> VectorOp.MIN;
            case STDDEV -> VectorOp.STDDEV;
            case STDVAR -> VectorOp.STDVAR;
            case BOTTOMK -> VectorOp.BOTTOMK;
            case TOPK -> VectorOp.TOPK;
            case SORT -> VectorOp.SORT;
            case SORT_DESC -> VectorOp.SORT_DESC;
            case APPROX_TOPK -> VectorOp.APPROX_TOPK;
            default -> null;
        };
    }

    /** {@code rangeOp ( [NUMBER ,] logRange ) [grouping]}. */
    SampleExpr rangeAggregation(RangeOp op) {
        ts.advance();
        ts.expect(Tok.OPEN_PARENTHESIS, Tok.OPEN_PARENTHESIS);
        String param = null;
        if (ts.kind() == Tok.NUMBER) {
            param = ts.advance().text();
            ts.expect(Tok.COMMA, Tok.COMMA);
            if (ts.kind() != Tok.OPEN_BRACE && ts.kind() != Tok.OPEN_PARENTHESIS) {
                throw ts.unexpected(Tok.OPEN_BRACE, Tok.OPEN_PARENTHESIS);
            }
        } else if (ts.kind() != Tok.OPEN_BRACE && ts.kind() != Tok.OPEN_PARENTHESIS) {
            throw ts.unexpected(Tok.NUMBER, Tok.OPEN_BRACE, Tok.OPEN_PARENTHESIS);
        }
        LogRangeExpr range = logRange();
        ts.expect(Tok.CLOSE_PARENTHESIS);
        Grouping grouping = null;
        if (ts.kind() == Tok.BY || ts.kind() == Tok.WITHOUT) {
            boolean without = ts.advance().kind() == Tok.WITHOUT;
            grouping = groupingLabels(without);
        }
        OptionalDouble p = OptionalDouble.empty();
        RangeAggregationExpr placeholder = new RangeAggregationExpr(op, range, p, grouping);
        if (param != null) {
            if (op != RangeOp.QUANTILE_OVER_TIME) {
                return ts.poison(placeholder, "parameter " + param + " not supported for operation " + op.function());
            }
            try {
                p = OptionalDouble.of(GoNumbers.parseFloat(param));
            } catch (IllegalArgumentException e) {
                return ts.poison(placeholder, "invalid parameter for operation " + op.function() + ": " + e.getMessage());
            }
        } else if (op == RangeOp.QUANTILE_OVER_TIME) {
            return ts.poison(placeholder, "parameter required for operation " + op.function());
        }
        RangeAggregationExpr e = new RangeAggregationExpr(op, range, p, grouping);
        if (grouping != null && !GROUPING_ALLOWED.contains(op)) {
            return ts.poison(e, "grouping not allowed for " + op.function() + " aggregation");
        }
        if (range.unwrap() != null) {
            if (!UNWRAP_ALLOWED.contains(op)) {
                return ts.poison(e, "invalid aggregation " + op.function() + " with unwrap");
            }
        } else if (!NO_UNWRAP_ALLOWED.contains(op)) {
            return ts.poison(e, "invalid aggregation " + op.function() + " without unwrap");
        }
        return e;
    }

    private Grouping groupingLabels(boolean without) {
        ts.expect(Tok.OPEN_PARENTHESIS, Tok.OPEN_PARENTHESIS);
        List<String> labels = new java.util.ArrayList<>();
        if (!ts.accept(Tok.CLOSE_PARENTHESIS)) {
            labels.add(ts.expect(Tok.IDENTIFIER, Tok.IDENTIFIER, Tok.CLOSE_PARENTHESIS).text());
            while (!ts.accept(Tok.CLOSE_PARENTHESIS)) {
                ts.expect(Tok.COMMA, Tok.COMMA, Tok.CLOSE_PARENTHESIS);
                labels.add(ts.expect(Tok.IDENTIFIER, Tok.IDENTIFIER).text());
            }
        }
        return new Grouping(without, labels);
    }

    /** All the forms of Loki's logRangeExpr. */
    private LogRangeExpr logRange() {
        ts.enter();
        try {
            if (ts.accept(Tok.OPEN_PARENTHESIS)) {
                if (ts.kind() == Tok.OPEN_PARENTHESIS) {
                    LogRangeExpr inner = logRange();
                    ts.expect(Tok.CLOSE_PARENTHESIS);
                    return inner;
                }
                if (ts.kind() != Tok.OPEN_BRACE) {
                    throw ts.unexpected(Tok.OPEN_BRACE, Tok.OPEN_PARENTHESIS);
                }
                var matchers = pipes.selector();
                if (ts.kind() == Tok.RANGE) {
                    LogRangeExpr r = afterRange(matchers);
                    ts.expect(Tok.CLOSE_PARENTHESIS);
                    return r;
                }
                List<StageExpr> stages = pipes.pipeline();
                UnwrapExpr unwrap = pipes.atUnwrap() ? pipes.unwrap() : null;
                ts.expect(Tok.CLOSE_PARENTHESIS);
                Duration range = ts.expect(Tok.RANGE).duration();
                Duration offset = offset();
                if (stages.isEmpty() && unwrap == null && pipes.atUnwrap()) {
                    unwrap = pipes.unwrap();
                }
                return new LogRangeExpr(new LogExpr(matchers, stages), range, offset, unwrap);
            }
            var matchers = pipes.selector();
            if (ts.kind() == Tok.RANGE) {
                return afterRange(matchers);
            }
            List<StageExpr> stages = pipes.pipeline();
            UnwrapExpr unwrap = pipes.atUnwrap() ? pipes.unwrap() : null;
            Duration range = ts.expect(Tok.RANGE).duration();
            return new LogRangeExpr(new LogExpr(matchers, stages), range, offset(), unwrap);
        } finally {
            ts.leave();
        }
    }

    /** {@code selector RANGE [offset] [pipeline] [unwrap]}. */
    private LogRangeExpr afterRange(List<io.strata.model.Matcher> matchers) {
        Duration range = ts.advance().duration();
        Duration offset = offset();
        List<StageExpr> stages = pipes.pipeline();
        UnwrapExpr unwrap = pipes.atUnwrap() ? pipes.unwrap() : null;
        return new LogRangeExpr(new LogExpr(matchers, stages), range, offset, unwrap);
    }

    private Duration offset() {
        if (ts.accept(Tok.OFFSET)) {
            return ts.expect(Tok.DURATION, Tok.DURATION).duration();
        }
        return Duration.ZERO;
    }

    /** Builds a vector aggregation with Loki's parameter/grouping checks (deferred errors). */
    static SampleExpr vectorAggregation(TokenStream ts, VectorOp op, SampleExpr inner, Grouping grouping, String param) {
        Grouping g = grouping == null ? Grouping.NONE : grouping;
        int k = 0;
        VectorAggregationExpr placeholder = new VectorAggregationExpr(op, inner, 0, g);
        if (op.takesParameter()) {
            if (param == null) {
                return ts.poison(placeholder, "parameter required for operation " + op.function());
            }
            Long v = GoNumbers.atoi(param);
            if (v == null || v > Integer.MAX_VALUE) {
                return ts.poison(placeholder, "invalid parameter " + op.function() + "(" + param + ",");
            }
            if (v <= 0) {
                return ts.poison(placeholder, "invalid parameter (must be greater than 0) " + op.function() + "(" + param);
            }
            if (op == VectorOp.APPROX_TOPK && grouping != null) {
                return ts.poison(placeholder, "grouping not allowed for " + op.function() + " aggregation");
            }
            k = v.intValue();
        } else if (param != null) {
            return ts.poison(placeholder, "unsupported parameter for operation " + op.function() + "(" + param + ",");
        }
        return new VectorAggregationExpr(op, inner, k, g);
    }
}
