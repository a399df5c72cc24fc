package io.strata.ruler;

import java.time.Instant;
import java.util.List;

/**
 * The ruler's only view of the query engine: an instant LogQL metric query for one tenant. The
 * wiring implements it over {@code io.strata.query}; tests use a fake. A failure is thrown (any
 * {@link RuntimeException}); the rule is then marked {@code health=err} with the message, and the
 * other rules and groups go on.
 */
@FunctionalInterface
public interface RuleQuerier {
    List<RuleSample> instantQuery(String tenant, String expr, Instant at);
}
