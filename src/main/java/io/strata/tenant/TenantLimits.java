package io.strata.tenant;

import io.strata.tenant.overrides.TenantFile;
import io.strata.tenant.overrides.TenantsSnapshot;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Finds the limits of a tenant: the global defaults with the tenant's {@code tenants/<tenant>.yaml}
 * overrides applied ({@link LimitOverrides}). {@link #update(TenantsSnapshot)} is called with every
 * new snapshot of the directory; readers see either the old or the new map, never half of one
 * (volatile reference to an immutable map), so a lookup per request costs one hash lookup.
 */
public final class TenantLimits {
    private static final Logger LOG = Logger.getLogger(TenantLimits.class);

    private final Limits defaults;
    private volatile Map<String, Limits> overrides = Map.of();
    /** "tenant\0name\0value" of bad values already logged, so each is logged once. */
    private final Set<String> logged = ConcurrentHashMap.newKeySet();

    public TenantLimits(Limits defaults) {
        this.defaults = Objects.requireNonNull(defaults);
    }

    public Limits forTenant(String tenant) {
        Limits l = overrides.get(tenant);
        return l == null ? defaults : l;
    }

    public Limits defaults() {
        return defaults;
    }

    /** Recomputes every tenant's limits from a {@code tenants/} snapshot. */
    public void update(TenantsSnapshot snapshot) {
        Map<String, Limits> next = new HashMap<>();
        for (TenantFile f : snapshot.tenants().values()) {
            if (f.limitValues().isEmpty()) {
                continue;
            }
            next.put(f.tenant(), LimitOverrides.apply(defaults, f.limitValues(), (name, reason) -> {
                if (logged.add(f.tenant() + "\0" + name + "\0" + f.limitValues().get(name))) {
                    LOG.errorf("tenants/%s.yaml: limit %s not applied (%s); the default stays in force",
                            f.tenant(), name, reason);
                }
            }));
        }
        overrides = Map.copyOf(next);
    }
}
