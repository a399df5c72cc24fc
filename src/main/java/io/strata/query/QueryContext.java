package io.strata.query;

import io.strata.logql.engine.EngineOptions;
import io.strata.logql.engine.QueryGuard;
import io.strata.model.Labels;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Who a query runs for and under which limits: the tenant ids (more than one for a multi-tenant
 * {@code a|b} query), a per-tenant stream filter (label-based access control: a stream is visible
 * only when the filter accepts its stored labels; absent = everything), engine limits, the
 * deadline, and the statistics the run fills in.
 */
public record QueryContext(List<String> tenants, Map<String, Predicate<Labels>> streamFilters,
        EngineOptions engineOptions, QueryGuard guard, QueryStatistics statistics) {
    public QueryContext {
        tenants = List.copyOf(tenants);
        if (tenants.isEmpty()) {
            throw new IllegalArgumentException("no tenant");
        }
        streamFilters = Map.copyOf(streamFilters);
        Objects.requireNonNull(engineOptions, "engineOptions");
        Objects.requireNonNull(guard, "guard");
        Objects.requireNonNull(statistics, "statistics");
    }

    public static QueryContext of(String tenant) {
        return new QueryContext(List.of(tenant), Map.of(), EngineOptions.DEFAULTS, QueryGuard.NONE,
                new QueryStatistics());
    }

    public boolean multiTenant() {
        return tenants.size() > 1;
    }

    /** The stream filter of a tenant (accept-all when it has none). */
    public Predicate<Labels> streamFilter(String tenant) {
        return streamFilters.getOrDefault(tenant, labels -> true);
    }
}
