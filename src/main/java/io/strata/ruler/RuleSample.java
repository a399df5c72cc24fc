package io.strata.ruler;

import io.strata.model.Labels;
import java.util.Objects;

/** One series of an instant query result: its labels and value. */
public record RuleSample(Labels labels, double value) {
    public RuleSample {
        Objects.requireNonNull(labels, "labels");
    }
}
