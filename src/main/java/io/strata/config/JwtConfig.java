package io.strata.config;

import io.smallrye.config.WithDefault;

/**
 * Where Strata finds its own data in a verified JWT ({@code strata.jwt.*}). Signature keys, issuer,
 * audiences and clock skew are SmallRye's {@code mp.jwt.verify.*} keys, read as they are.
 */
public interface JwtConfig {
    /** Claim holding the tenant(s): a string or a list of strings. */
    @WithDefault("tenant")
    String tenantClaim();

    /** Claim holding the scopes: a space-separated string or a list ({@code logs:read}, ...). */
    @WithDefault("scope")
    String scopeClaim();

    /** Claim holding the LBAC policy: a list of stream selectors, or an object tenant → list. */
    @WithDefault("lbac")
    String lbacClaim();

    /** Longest accepted token, in characters. */
    @WithDefault("8192")
    int maxTokenLength();
}
