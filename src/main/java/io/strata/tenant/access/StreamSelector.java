package io.strata.tenant.access;

import io.strata.model.Labels;
import io.strata.model.Matcher;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One stream selector of an access policy, such as {@code {app="web", env=~"staging|prod"}}: the
 * matchers are ANDed. Never empty (an empty selector would allow every stream).
 */
public record StreamSelector(List<Matcher> matchers) {
    public StreamSelector {
        matchers = List.copyOf(matchers);
        if (matchers.isEmpty()) {
            throw new IllegalArgumentException("a stream selector needs at least one matcher");
        }
    }

    /** Whether a stream with these (indexed) labels is selected. */
    public boolean matches(Labels streamLabels) {
        for (Matcher m : matchers) {
            if (!m.matches(streamLabels)) {
                return false;
            }
        }
        return true;
    }

    /** Loki's rendering, e.g. {@code {app="web", env=~"staging|prod"}}; re-parses to an equal selector. */
    @Override
    public String toString() {
        return matchers.stream().map(Matcher::toString).collect(Collectors.joining(", ", "{", "}"));
    }
}
