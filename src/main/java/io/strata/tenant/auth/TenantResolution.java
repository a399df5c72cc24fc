package io.strata.tenant.auth;

import io.strata.model.ErrorCategory;
import io.strata.model.StrataException;
import io.strata.tenant.access.AccessPolicy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides which tenant(s) a request uses, from the identity and the {@code X-Scope-OrgID} header:
 * <ul>
 *   <li>mode none: always the identity's fixed tenant; the header is ignored (as Loki);</li>
 *   <li>mode header: the header, required (401 {@code no org id});</li>
 *   <li>jwt / basic: without the header the identity's tenant is injected (401 when it holds
 *   several and must choose); with it, every named tenant must be held (403);</li>
 *   <li>{@code a|b} only on {@link Tenancy#MULTI} routes and only when multi-tenant queries are
 *   enabled, else 400 {@code multiple org IDs present} (Loki's text); push, tail and the ruler
 *   are {@link Tenancy#SINGLE};</li>
 *   <li>every id is validated first (Loki's 400 texts), so {@code ..} or {@code /} never reach
 *   a path.</li>
 * </ul>
 */
public final class TenantResolution {
    private final boolean multiTenantQueries;

    /** @param multiTenantQueries Loki's {@code querier.multi_tenant_queries_enabled} */
    public TenantResolution(boolean multiTenantQueries) {
        this.multiTenantQueries = multiTenantQueries;
    }

    /**
     * @param orgIdHeader the request's {@code X-Scope-OrgID}, null when absent
     * @throws StrataException 400 / 401 / 403 as described above
     * @throws IllegalArgumentException for {@link Tenancy#NONE} (such routes need no tenant)
     */
    public TenantSelection resolve(Identity identity, String orgIdHeader, Tenancy tenancy) {
        if (tenancy == Tenancy.NONE) {
            throw new IllegalArgumentException("route needs no tenant");
        }
        if (identity.method() == AuthMethod.NONE) {
            return select(identity, List.copyOf(identity.tenants()));
        }
        if (orgIdHeader == null || orgIdHeader.isEmpty()) {
            return select(identity, List.of(injected(identity)));
        }
        List<String> ids = TenantIds.parseOrgId(orgIdHeader);
        if (ids.size() > 1 && (tenancy == Tenancy.SINGLE || !multiTenantQueries)) {
            throw StrataException.badRequest("multiple org IDs present");
        }
        List<String> refused = new ArrayList<>();
        for (String id : ids) {
            if (!identity.holds(id)) {
                refused.add(id);
            }
        }
        if (!refused.isEmpty()) {
            throw new StrataException(ErrorCategory.FORBIDDEN, "access denied: '" + identity.principal()
                    + "' may not use tenant" + (refused.size() > 1 ? "s " : " ") + "'" + String.join("', '", refused) + "'");
        }
        return select(identity, ids);
    }

    private static String injected(Identity identity) {
        if (identity.anyTenant() || identity.tenants().isEmpty()) {
            throw new StrataException(ErrorCategory.UNAUTHENTICATED, "no org id");
        }
        if (identity.tenants().size() > 1) {
            throw new StrataException(ErrorCategory.UNAUTHENTICATED, "no org id: '" + identity.principal()
                    + "' holds several tenants (" + String.join(", ", identity.tenants())
                    + "); choose one with the X-Scope-OrgID header");
        }
        return identity.tenants().iterator().next();
    }

    private static TenantSelection select(Identity identity, List<String> tenants) {
        Map<String, AccessPolicy> policies = new HashMap<>();
        for (String t : tenants) {
            AccessPolicy p = identity.policy(t);
            if (!p.unrestricted()) {
                policies.put(t, p);
            }
        }
        return new TenantSelection(tenants, policies);
    }
}
