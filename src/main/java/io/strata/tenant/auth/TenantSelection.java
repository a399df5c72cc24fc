package io.strata.tenant.auth;

import io.strata.tenant.access.AccessPolicy;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The tenant(s) a request acts on, sorted and unique, with the access policy for each. This is the
 * only source of tenancy downstream: the client's own {@code X-Scope-OrgID} and
 * {@code X-Prom-Label-Policy} headers are never passed on; forward {@link #orgId()} instead.
 */
public record TenantSelection(List<String> tenants, Map<String, AccessPolicy> policies) {
    /** Label Loki adds to every stream/series of a multi-tenant result. */
    public static final String TENANT_LABEL = "__tenant_id__";

    public TenantSelection {
        tenants = List.copyOf(tenants);
        if (tenants.isEmpty()) {
            throw new IllegalArgumentException("no tenant");
        }
        policies = Collections.unmodifiableMap(new TreeMap<>(policies));
    }

    /** Whether results must carry {@value #TENANT_LABEL} (more than one tenant). */
    public boolean multi() {
        return tenants.size() > 1;
    }

    /** The one tenant of a single-tenant selection. */
    public String single() {
        if (multi()) {
            throw new IllegalStateException("multi-tenant selection " + tenants);
        }
        return tenants.get(0);
    }

    /** {@code a|b} as sent to anything downstream that expects {@code X-Scope-OrgID}. */
    public String orgId() {
        return String.join("|", tenants);
    }

    public AccessPolicy policy(String tenant) {
        return policies.getOrDefault(tenant, AccessPolicy.UNRESTRICTED);
    }
}
