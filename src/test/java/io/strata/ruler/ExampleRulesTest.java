package io.strata.ruler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The example rules in the repository's ruler/ directory load strictly and parse as LogQL. */
class ExampleRulesTest {
    @Test
    void exampleRulesLoadWithoutErrors() {
        DirectoryRuleStore store = new DirectoryRuleStore(Path.of("ruler"),
                new RuleGroupValidator(new LogqlExpressionChecker()));
        assertEquals(List.of("fake", "tenant-a"), store.tenants());
        assertEquals(List.of("checkout"), List.copyOf(store.namespaces("fake").keySet()));
        assertEquals(List.of("api"), List.copyOf(store.namespaces("tenant-a").keySet()));
        assertEquals(java.util.Map.of(), store.loadErrors());
        assertTrue(store.namespaces("fake").get("checkout").size() == 2);
    }
}
