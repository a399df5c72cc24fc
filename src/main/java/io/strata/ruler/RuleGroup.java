package io.strata.ruler;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A rule group: rules evaluated together, in order, every {@code interval} ({@link Duration#ZERO}
 * = the ruler's default evaluation interval). {@code limit} caps the alerts or series one rule may
 * produce (0 = no limit).
 */
public record RuleGroup(String name, Duration interval, int limit, List<Rule> rules) {
    public RuleGroup {
        name = Objects.requireNonNullElse(name, "");
        interval = Objects.requireNonNullElse(interval, Duration.ZERO);
        rules = List.copyOf(rules == null ? List.of() : rules);
    }

    public RuleGroup withName(String newName) {
        return new RuleGroup(newName, interval, limit, rules);
    }

    /** The interval to evaluate at, given the ruler's default. */
    public Duration effectiveInterval(Duration defaultInterval) {
        return interval.isZero() || interval.isNegative() ? defaultInterval : interval;
    }
}
