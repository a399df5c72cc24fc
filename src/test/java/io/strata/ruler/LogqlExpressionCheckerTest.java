package io.strata.ruler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class LogqlExpressionCheckerTest {
    private final RuleGroupValidator validator = new RuleGroupValidator(new LogqlExpressionChecker());

    @Test
    void validRuleExpressionsPass() {
        Rule ok = Rule.alerting("A", "sum by (app) (count_over_time({job=\"api\"} |= \"error\" [5m])) > 0",
                java.time.Duration.ZERO, java.util.Map.of(), java.util.Map.of());
        assertEquals(List.of(), validator.validate(List.of(new RuleGroup("g", null, 0, List.of(ok)))));
    }

    @Test
    void invalidExpressionsGiveLokisMessage() {
        Rule bad = Rule.recording("r", "sum(rate({job=\"api\"}[5m]", java.util.Map.of());
        List<String> errors = validator.validate(List.of(new RuleGroup("g", null, 0, List.of(bad))));
        assertEquals(1, errors.size());
        assertTrue(errors.get(0).startsWith("could not parse expression for record 'r' in group 'g': parse error at line 1,"),
                errors.get(0));
    }

    @Test
    void canonicalTextComesFromThePrinter() {
        String canonical = new LogqlExpressionChecker().canonical("sum  by(app)(rate({job=\"api\"}[5m]))");
        assertTrue(canonical.contains("rate({job=\"api\"}[5m])"), canonical);
        assertEquals("not logql", new LogqlExpressionChecker().canonical("not logql"));
    }
}
