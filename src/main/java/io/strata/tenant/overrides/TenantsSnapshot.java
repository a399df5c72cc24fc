package io.strata.tenant.overrides;

import io.strata.tenant.auth.BasicUser;
import io.strata.tenant.auth.UserDirectory;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/** One consistent, immutable view of the {@code tenants/} directory. */
public record TenantsSnapshot(Map<String, TenantFile> tenants, Map<String, BasicUser> users, int typicalCost)
        implements UserDirectory {
    public static final TenantsSnapshot EMPTY = of(Map.of());

    public TenantsSnapshot {
        tenants = Collections.unmodifiableMap(new TreeMap<>(tenants));
        users = Map.copyOf(users);
    }

    /** Indexes users by name; the caller guarantees names are unique. */
    public static TenantsSnapshot of(Map<String, TenantFile> tenants) {
        Map<String, BasicUser> users = new HashMap<>();
        Map<Integer, Integer> costs = new HashMap<>();
        for (TenantFile f : tenants.values()) {
            for (BasicUser u : f.users()) {
                if (users.put(u.username(), u) != null) {
                    throw new IllegalArgumentException("user '" + u.username() + "' appears in two tenants");
                }
                costs.merge(u.cost(), 1, Integer::sum);
            }
        }
        int typical = costs.entrySet().stream().max(Map.Entry.<Integer, Integer>comparingByValue()
                .thenComparing(Map.Entry.comparingByKey())).map(Map.Entry::getKey).orElse(10);
        return new TenantsSnapshot(tenants, users, typical);
    }

    @Override
    public BasicUser find(String username) {
        return users.get(username);
    }

    @Override
    public int typicalCost() {
        return typicalCost;
    }

    /** The raw limit overrides of a tenant (empty when it has no file). */
    public Map<String, String> limits(String tenant) {
        TenantFile f = tenants.get(tenant);
        return f == null ? Map.of() : f.limits();
    }
}
