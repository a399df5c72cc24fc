package io.strata.logql.log;

/**
 * A predicate over an entry's labels, as used by label-filter stages and post-unwrap filters.
 * {@link #test} may set {@code __error__} (conversion failures) but never changes the line.
 * {@code and} evaluates both sides; {@code or} short-circuits (its right side's errors never
 * appear when the left matched).
 */
public sealed interface LabelFilter
        permits LabelFilter.And, LabelFilter.Or, StringLabelFilter, NumericLabelFilter, IpLabelFilter {
    boolean test(LabelsBuilder labels);

    /** Both sides (both are always evaluated, as Loki does). */
    record And(LabelFilter left, LabelFilter right) implements LabelFilter {
        @Override
        public boolean test(LabelsBuilder labels) {
            boolean l = left.test(labels);
            boolean r = right.test(labels);
            return l && r;
        }
    }

    /** Either side; the right side only runs when the left did not match. */
    record Or(LabelFilter left, LabelFilter right) implements LabelFilter {
        @Override
        public boolean test(LabelsBuilder labels) {
            return left.test(labels) || right.test(labels);
        }
    }
}
