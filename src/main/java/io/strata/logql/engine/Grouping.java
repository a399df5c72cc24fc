package io.strata.logql.engine;

import io.strata.model.Labels;
import java.util.List;

/** {@code by (labels)} or {@code without (labels)}; no clause is {@code by ()}. */
public record Grouping(boolean without, List<String> labels) {
    public static final Grouping NONE = new Grouping(false, List.of());

    public Grouping {
        labels = List.copyOf(labels);
    }

    /** The group key of a series: only the listed labels with non-empty values (by) or all but them (without). */
    public Labels apply(Labels in) {
        if (without) {
            if (labels.isEmpty()) {
                return in;
            }
            Labels.Builder b = in.toBuilder();
            for (String l : labels) {
                b.remove(l);
            }
            return b.build();
        }
        if (labels.isEmpty() || in.isEmpty()) {
            return Labels.EMPTY;
        }
        Labels.Builder b = Labels.builder();
        for (String l : labels) {
            String v = in.get(l);
            if (v != null && !v.isEmpty()) {
                b.set(l, v);
            }
        }
        return b.build();
    }
}
