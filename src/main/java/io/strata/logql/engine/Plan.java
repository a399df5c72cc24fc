package io.strata.logql.engine;

import com.google.re2j.Pattern;
import io.strata.model.Labels;
import io.strata.model.Matcher;
import java.util.List;
import java.util.Objects;

/**
 * The plan tree: what will run, built by {@link Planner} from the syntax tree. Plan nodes hold
 * runtime pipeline objects ({@link EntryPipeline}, {@link SampleSource}) but no evaluation state;
 * {@link MetricEvaluation} and {@link LogQueryEvaluator} turn them into operators. A plan is built
 * for one query execution (pipelines are not thread-safe).
 */
public sealed interface Plan {
    /** Whether any {@code sort}/{@code sort_desc} occurs (then instant results keep value order). */
    default boolean sortsByValue() {
        return false;
    }

    /** A log query: select streams, run the pipeline, return entries. */
    record LogSelection(List<Matcher> matchers, List<String> requiredSubstrings, EntryPipeline pipeline)
            implements Plan {
        public LogSelection {
            matchers = List.copyOf(matchers);
            requiredSubstrings = List.copyOf(requiredSubstrings);
            Objects.requireNonNull(pipeline, "pipeline");
        }
    }

    /** A plan that yields an instant vector (or a scalar) at every step. */
    sealed interface Metric extends Plan {}

    /**
     * A range aggregation over samples from one selection. {@code absentLabels} is the label
     * set of {@code absent_over_time}'s output; {@code parameter} is φ of quantile_over_time.
     */
    record RangeAggregation(RangeFunction function, double parameter, List<Matcher> matchers,
            List<String> requiredSubstrings, SampleSource samples, long rangeNanos, long offsetNanos,
            Labels absentLabels) implements Metric {
        public RangeAggregation {
            Objects.requireNonNull(function, "function");
            matchers = List.copyOf(matchers);
            requiredSubstrings = List.copyOf(requiredSubstrings);
            Objects.requireNonNull(samples, "samples");
            absentLabels = absentLabels == null ? Labels.EMPTY : absentLabels;
        }
    }

    /** {@code op [by|without (…)] ([k,] inner)}; {@code parameter} is k of topk/bottomk/approx_topk. */
    record VectorAggregation(VectorOp op, Grouping grouping, int parameter, Metric inner) implements Metric {
        public VectorAggregation {
            Objects.requireNonNull(op, "op");
            grouping = grouping == null ? Grouping.NONE : grouping;
            Objects.requireNonNull(inner, "inner");
        }

        @Override
        public boolean sortsByValue() {
            return op == VectorOp.SORT || op == VectorOp.SORT_DESC || inner.sortsByValue();
        }
    }

    /** {@code left op [bool] [on|ignoring (…) [group_left|group_right (…)]] right}. */
    record Binary(BinaryOp op, boolean returnBool, VectorMatching matching, Metric left, Metric right)
            implements Metric {
        public Binary {
            Objects.requireNonNull(op, "op");
            matching = matching == null ? VectorMatching.DEFAULT : matching;
            Objects.requireNonNull(left, "left");
            Objects.requireNonNull(right, "right");
        }

        @Override
        public boolean sortsByValue() {
            return left.sortsByValue() || right.sortsByValue();
        }
    }

    /** A number literal: a scalar. */
    record Literal(double value) implements Metric {}

    /** {@code vector(n)}: one sample with empty labels at every step. */
    record VectorLiteral(double value) implements Metric {}

    /** {@code label_replace(inner, dst, replacement, src, regex)}; the regex is already anchored. */
    record LabelReplace(Metric inner, String destination, String replacement, String source, Pattern regex)
            implements Metric {
        public LabelReplace {
            Objects.requireNonNull(inner, "inner");
            Objects.requireNonNull(regex, "regex");
        }

        @Override
        public boolean sortsByValue() {
            return inner.sortsByValue();
        }
    }
}
