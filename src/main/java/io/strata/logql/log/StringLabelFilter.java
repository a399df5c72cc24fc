package io.strata.logql.log;

import io.strata.model.Matcher;

/**
 * {@code | name="v"}, {@code !=}, {@code =~}, {@code !~}: Prometheus matcher semantics (regexes
 * fully anchored), a missing label compares as {@code ""}. The only filter that reads
 * {@code __error__} / {@code __error_details__}.
 */
public record StringLabelFilter(Matcher matcher) implements LabelFilter {
    @Override
    public boolean test(LabelsBuilder labels) {
        return matcher.matches(labels.get(matcher.name()));
    }
}
