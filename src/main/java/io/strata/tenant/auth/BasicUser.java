package io.strata.tenant.auth;

import io.strata.tenant.access.AccessPolicy;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * A basic-auth user of one tenant, as listed in {@code tenants/<tenant>.yaml}.
 *
 * @param passwordHash a validated bcrypt hash ({@code $2a$}, {@code $2b$} or {@code $2y$})
 * @param policy the user's LBAC policy for its tenant ({@link AccessPolicy#UNRESTRICTED} when none)
 */
public record BasicUser(String username, String tenant, String passwordHash, Set<Scope> scopes, AccessPolicy policy) {
    public BasicUser {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(passwordHash, "passwordHash");
        scopes = scopes.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(scopes));
        policy = policy == null ? AccessPolicy.UNRESTRICTED : policy;
    }

    /** The bcrypt cost factor of the hash. */
    public int cost() {
        return Integer.parseInt(passwordHash.substring(4, 6));
    }

    @Override
    public String toString() {
        return "BasicUser[" + username + "@" + tenant + ", scopes=" + scopes + "]";
    }
}
