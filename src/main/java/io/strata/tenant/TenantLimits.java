package io.strata.tenant;

import java.util.Objects;

/**
 * Finds the limits of a tenant. For now every tenant gets the global defaults; per-tenant
 * overrides ({@code tenants/<tenant>.yaml}) plug in here later.
 */
public final class TenantLimits {
    private final Limits defaults;

    public TenantLimits(Limits defaults) {
        this.defaults = Objects.requireNonNull(defaults);
    }

    public Limits forTenant(String tenant) {
        return defaults;
    }

    public Limits defaults() {
        return defaults;
    }
}
