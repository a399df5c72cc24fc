package io.strata.logql.syntax;

import java.util.List;

/**
 * {@code by (a, b)} or {@code without (a)}, labels in written order. A vector aggregation
 * without a clause carries {@link #NONE} ({@code by ()}), exactly as Loki does.
 */
public record Grouping(boolean without, List<String> labels) {
    public static final Grouping NONE = new Grouping(false, List.of());

    public Grouping {
        labels = List.copyOf(labels);
    }

    /** True for {@code by ()} / no clause: everything aggregates into one series. */
    public boolean singleton() {
        return !without && labels.isEmpty();
    }
}
