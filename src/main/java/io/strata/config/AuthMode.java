package io.strata.config;

/** How a request's tenant is determined (a later issue adds JWT and basic auth). */
public enum AuthMode {
    /** Loki's {@code auth_enabled: false}: everything belongs to tenant {@code fake}. */
    none,
    /** Loki's {@code auth_enabled: true}: the tenant comes from {@code X-Scope-OrgID}. */
    header
}
