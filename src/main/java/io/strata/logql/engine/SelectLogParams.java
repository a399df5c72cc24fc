package io.strata.logql.engine;

import io.strata.model.Direction;
import io.strata.model.Matcher;
import java.util.List;
import java.util.Objects;

/**
 * One storage selection: streams matching every matcher, entries in {@code [startNanos, endNanos)}
 * in {@code direction} order. {@code requiredSubstrings} are literals every wanted line contains
 * (from positive {@code |=} filters before any line rewrite); storage may skip blocks without them.
 */
public record SelectLogParams(List<Matcher> matchers, long startNanos, long endNanos, Direction direction,
        List<String> requiredSubstrings) {
    public SelectLogParams {
        matchers = List.copyOf(matchers);
        Objects.requireNonNull(direction, "direction");
        requiredSubstrings = List.copyOf(requiredSubstrings);
    }
}
