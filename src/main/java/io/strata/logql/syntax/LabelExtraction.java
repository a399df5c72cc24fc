package io.strata.logql.syntax;

import java.util.Objects;

/**
 * One extraction parameter of {@code | json} or {@code | logfmt}: {@code label="expression"}.
 * A bare {@code | json a} is stored as {@code a="a"} (Loki does the same).
 */
public record LabelExtraction(String label, String expression) {
    public LabelExtraction {
        Objects.requireNonNull(label);
        Objects.requireNonNull(expression);
    }
}
