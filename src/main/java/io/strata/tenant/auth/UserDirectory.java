package io.strata.tenant.auth;

/** Where {@link BasicAuthenticator} finds users; {@code tenants/} implements it. Thread-safe. */
@FunctionalInterface
public interface UserDirectory {
    /** The user with this name (names are unique across tenants), or null. */
    BasicUser find(String username);

    /** The bcrypt cost used to spend the same time on unknown users; the cost most users have. */
    default int typicalCost() {
        return 10;
    }
}
