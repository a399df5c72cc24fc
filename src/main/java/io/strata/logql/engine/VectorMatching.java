package io.strata.logql.engine;

import io.strata.model.Labels;
import java.util.List;
import java.util.Objects;

/**
 * How a vector/vector binary operation pairs samples: {@code on(labels)} or
 * {@code ignoring(labels)} (no modifier = ignoring nothing, i.e. full label sets), and the
 * cardinality with the {@code group_left/right} extra labels in {@code include}.
 */
public record VectorMatching(Cardinality cardinality, boolean on, List<String> labels, List<String> include) {
    public static final VectorMatching DEFAULT = new VectorMatching(Cardinality.ONE_TO_ONE, false, List.of(), List.of());

    public enum Cardinality { ONE_TO_ONE, MANY_TO_ONE, ONE_TO_MANY, MANY_TO_MANY }

    public VectorMatching {
        Objects.requireNonNull(cardinality, "cardinality");
        labels = List.copyOf(labels);
        include = List.copyOf(include);
    }

    /** The matching key (signature) of a sample's labels. */
    public Labels signature(Labels in) {
        if (on) {
            return new Grouping(false, labels).apply(in);
        }
        return new Grouping(true, labels).apply(in);
    }
}
