package io.strata.tenant.auth;

/** How many tenants a route accepts. */
public enum Tenancy {
    /** No tenant at all (operational routes such as {@code /ready}). */
    NONE,
    /** Exactly one tenant: push, tail, ruler, delete, per-tenant config. */
    SINGLE,
    /** Read routes that accept {@code a|b} when multi-tenant queries are enabled. */
    MULTI
}
