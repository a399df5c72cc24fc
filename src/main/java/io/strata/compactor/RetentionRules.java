package io.strata.compactor;

import io.strata.logql.syntax.LogqlParser;
import io.strata.model.Labels;
import io.strata.model.Matcher;
import io.strata.storage.Retention;
import io.strata.logql.syntax.GoDurations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A tenant's retention as Loki's compactor decides it: among the {@code retention_stream} rules
 * whose selector matches the stream, the highest priority wins, ties go to the shortest period;
 * without a matching rule the tenant's {@code retention_period} applies. Zero keeps forever. A rule
 * whose selector does not parse, or whose period is under 24h (Loki refuses such a config), is
 * ignored and reported through {@link #problems()}. Immutable.
 */
public final class RetentionRules implements Retention.Policy {
    private record Rule(List<Matcher> matchers, int priority, Duration period) {}

    private final Duration global;
    private final List<Rule> rules = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();

    public RetentionRules(TenantSettings settings) {
        this.global = settings.retentionPeriod();
        for (TenantSettings.StreamRule r : settings.streamRules()) {
            if (r.period().compareTo(Duration.ofHours(24)) < 0) {
                problems.add("retention period must be >= 24h was " + GoDurations.formatGo(r.period()));
                continue;
            }
            try {
                rules.add(new Rule(LogqlParser.parseLogSelector(r.selector(), true).matchers(), r.priority(),
                        r.period()));
            } catch (RuntimeException e) {
                problems.add("invalid labels matchers: " + e.getMessage());
            }
        }
    }

    @Override
    public Duration periodFor(Labels labels) {
        Rule chosen = null;
        for (Rule r : rules) {
            if (!labels.matches(r.matchers())) {
                continue;
            }
            if (chosen == null || r.priority() > chosen.priority()
                    || (r.priority() == chosen.priority() && r.period().compareTo(chosen.period()) < 0)) {
                chosen = r;
            }
        }
        return chosen != null ? chosen.period() : global;
    }

    @Override
    public Duration minPeriod() {
        Duration min = global.isNegative() || global.isZero() ? null : global;
        for (Rule r : rules) {
            if (min == null || r.period().compareTo(min) < 0) {
                min = r.period();
            }
        }
        return min == null ? Duration.ZERO : min;
    }

    public List<String> problems() {
        return List.copyOf(problems);
    }
}
