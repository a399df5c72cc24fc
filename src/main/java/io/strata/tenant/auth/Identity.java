package io.strata.tenant.auth;

import io.strata.model.ErrorCategory;
import io.strata.model.StrataException;
import io.strata.tenant.access.AccessPolicy;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Who is calling: the principal (user name or token subject, for logs and messages), how it was
 * authenticated, the tenants it holds, its scopes, and an access policy per tenant (tenants without
 * an entry are {@link AccessPolicy#UNRESTRICTED}).
 *
 * <p>{@code anyTenant} is true only for mode {@code header}, where the caller's own
 * {@code X-Scope-OrgID} is trusted as Loki trusts it.
 */
public record Identity(String principal, AuthMethod method, Set<String> tenants, boolean anyTenant,
        Set<Scope> scopes, Map<String, AccessPolicy> policies) {

    public Identity {
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(method, "method");
        principal = printable(principal);
        tenants = Collections.unmodifiableSet(new TreeSet<>(tenants));
        scopes = scopes.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(scopes));
        policies = Collections.unmodifiableMap(new TreeMap<>(policies));
        if (anyTenant && !tenants.isEmpty()) {
            throw new IllegalArgumentException("an any-tenant identity lists no tenants");
        }
    }

    /** Control characters replaced and length capped: the principal ends up in messages and logs. */
    static String printable(String s) {
        String cut = s.length() > 128 ? s.substring(0, 128) + "..." : s;
        StringBuilder sb = new StringBuilder(cut.length());
        for (int i = 0; i < cut.length(); i++) {
            char c = cut.charAt(i);
            sb.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        return sb.toString();
    }

    /** Every scope. */
    public static Set<Scope> allScopes() {
        return EnumSet.allOf(Scope.class);
    }

    /** Whether the identity may act as this tenant. */
    public boolean holds(String tenant) {
        return anyTenant || tenants.contains(tenant);
    }

    public boolean has(Scope scope) {
        return scopes.contains(scope);
    }

    /** The access policy for one tenant (UNRESTRICTED when none is configured). */
    public AccessPolicy policy(String tenant) {
        return policies.getOrDefault(tenant, AccessPolicy.UNRESTRICTED);
    }

    /**
     * @throws StrataException 403 naming the missing scope
     */
    public void require(Scope scope) {
        if (!has(scope)) {
            throw new StrataException(ErrorCategory.FORBIDDEN,
                    "access denied: '" + principal + "' lacks the scope " + scope.text() + " this request needs");
        }
    }
}
