package io.strata.compactor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.model.Labels;
import io.strata.logql.syntax.GoDurations;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Loki's choice of a stream's retention period. */
class RetentionRulesTest {
    private static final Duration DAY = Duration.ofDays(1);

    private static TenantSettings.StreamRule rule(String selector, int priority, Duration period) {
        return new TenantSettings.StreamRule(selector, priority, period);
    }

    @Test
    void highestPriorityWinsTiesGoToTheShortestPeriodAndNoMatchUsesTheTenantPeriod() {
        RetentionRules r = new RetentionRules(new TenantSettings(DAY.multipliedBy(31), List.of(
                rule("{namespace=\"dev\"}", 1, DAY.multipliedBy(3)),
                rule("{namespace=\"dev\", app=\"api\"}", 5, DAY.multipliedBy(90)),
                rule("{container=\"nginx\"}", 1, DAY.multipliedBy(10)),
                rule("{container=~\"ngin.*\"}", 1, DAY.multipliedBy(7))), "filter-and-delete"));
        assertEquals(DAY.multipliedBy(3), r.periodFor(Labels.of("namespace", "dev")));
        assertEquals(DAY.multipliedBy(90), r.periodFor(Labels.of("namespace", "dev", "app", "api")));
        assertEquals(DAY.multipliedBy(7), r.periodFor(Labels.of("container", "nginx")), "equal priority: shortest");
        assertEquals(DAY.multipliedBy(31), r.periodFor(Labels.of("namespace", "prod")));
        assertEquals(DAY.multipliedBy(3), r.minPeriod());
        assertTrue(r.problems().isEmpty());
    }

    @Test
    void zeroKeepsForeverAndBadRulesAreIgnored() {
        RetentionRules r = new RetentionRules(new TenantSettings(Duration.ZERO, List.of(
                rule("{app=\"api\"}", 1, Duration.ofHours(23)),
                rule("{app=", 1, DAY.multipliedBy(5)),
                rule("{app=\"web\"}", 1, DAY.multipliedBy(2))), "filter-and-delete"));
        assertEquals(Duration.ZERO, r.periodFor(Labels.of("app", "api")));
        assertEquals(DAY.multipliedBy(2), r.periodFor(Labels.of("app", "web")));
        assertEquals(DAY.multipliedBy(2), r.minPeriod());
        assertEquals(2, r.problems().size());
        assertEquals("retention period must be >= 24h was 23h0m0s", r.problems().get(0));
        assertEquals(Duration.ZERO, new RetentionRules(TenantSettings.DEFAULTS).minPeriod());
    }

    @Test
    void goDurations() {
        assertEquals("24h0m0s", GoDurations.formatGo(DAY));
        assertEquals("1h30m0s", GoDurations.formatGo(Duration.ofMinutes(90)));
        assertEquals("1m0.5s", GoDurations.formatGo(Duration.ofMillis(60_500)));
        assertEquals("500ms", GoDurations.formatGo(Duration.ofMillis(500)));
        assertEquals("0s", GoDurations.formatGo(Duration.ZERO));
        assertEquals(Duration.ofMinutes(90), GoDurations.parseGo("1h30m"));
        assertEquals(Duration.ofMinutes(90), GoDurations.parseGo("1.5h"));
        assertEquals(Duration.ofMillis(300), GoDurations.parseGo("300ms"));
    }
}
