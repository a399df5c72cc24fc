package io.strata.ruler;

import io.strata.logql.engine.EngineOptions;
import io.strata.logql.engine.QueryGuard;
import io.strata.logql.engine.QueryRequest;
import io.strata.logql.engine.QueryResult;
import io.strata.model.Labels;
import io.strata.query.QueryContext;
import io.strata.query.QueryService;
import io.strata.query.QueryStatistics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The ruler's querier over the real engine: one LogQL instant query per rule through
 * {@link QueryService}, as the rule's tenant (no access filter: rules are the tenant's own), with a
 * deadline per evaluation so a slow rule fails with Loki's timeout text instead of holding its group
 * forever. A vector becomes samples; a scalar becomes one sample without labels; anything else is
 * Loki's (Prometheus') {@code rule result is not a vector or scalar}.
 */
public final class EngineRuleQuerier implements RuleQuerier {
    /** What one tenant's rule queries run under. */
    public record TenantQueryOptions(EngineOptions engineOptions, Duration timeout) {
        public TenantQueryOptions {
            Objects.requireNonNull(engineOptions, "engineOptions");
            Objects.requireNonNull(timeout, "timeout");
        }
    }

    private final QueryService queries;
    private final Function<String, TenantQueryOptions> options;

    public EngineRuleQuerier(QueryService queries, Function<String, TenantQueryOptions> options) {
        this.queries = Objects.requireNonNull(queries, "queries");
        this.options = Objects.requireNonNull(options, "options");
    }

    @Override
    public List<RuleSample> instantQuery(String tenant, String expr, Instant at) {
        TenantQueryOptions o = options.apply(tenant);
        QueryGuard guard = QueryGuard.withTimeout(o.timeout().toNanos(), () -> Thread.currentThread().isInterrupted());
        QueryContext context = new QueryContext(List.of(tenant), Map.of(), o.engineOptions(), guard,
                new QueryStatistics());
        long nanos = at.getEpochSecond() * 1_000_000_000L + at.getNano();
        QueryResult result = queries.query(context, QueryRequest.instant(expr, nanos));
        return switch (result) {
            case QueryResult.Vector v -> {
                List<RuleSample> out = new ArrayList<>(v.samples().size());
                for (QueryResult.Sample s : v.samples()) {
                    out.add(new RuleSample(s.labels(), s.value()));
                }
                yield out;
            }
            case QueryResult.Scalar s -> List.of(new RuleSample(Labels.EMPTY, s.value()));
            case QueryResult.Matrix m -> throw new IllegalStateException("rule result is not a vector or scalar");
            case QueryResult.Streams s -> throw new IllegalStateException("rule result is not a vector or scalar");
        };
    }
}
