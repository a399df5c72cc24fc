package io.strata.api;

import io.strata.model.Labels;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Who a request runs for, resolved once per request by {@link RequestTenancy}: the tenant ids
 * (more than one only for an allowed multi-tenant {@code a|b} read) and, per tenant, the stream
 * filter of the caller's access policy (label-based access control; absent = every stream).
 */
public record Caller(List<String> tenants, Map<String, Predicate<Labels>> streamFilters) {
    public Caller {
        tenants = List.copyOf(tenants);
        streamFilters = Map.copyOf(streamFilters);
        if (tenants.isEmpty()) {
            throw new IllegalArgumentException("no tenant");
        }
    }

    public static Caller of(String tenant) {
        return new Caller(List.of(tenant), Map.of());
    }

    /** The tenant of a single-tenant request. */
    public String tenant() {
        return tenants.get(0);
    }

    public boolean multiTenant() {
        return tenants.size() > 1;
    }
}
