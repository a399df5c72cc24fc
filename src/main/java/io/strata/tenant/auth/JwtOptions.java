package io.strata.tenant.auth;

import java.util.List;
import java.util.Set;

/**
 * JWT verification settings, taken from SmallRye's own MicroProfile keys so a Quarkus user
 * recognises them. The config layer fills this record; the core never reads configuration.
 *
 * @param publicKey {@code mp.jwt.verify.publickey}: PEM (public key or certificate), bare base64
 *     of an X.509 SubjectPublicKeyInfo, or JWK / JWKS JSON; null when a location is used
 * @param publicKeyLocation {@code mp.jwt.verify.publickey.location}: a file path, {@code file:} URL
 *     (PEM or JWKS) or an {@code http(s)://} JWKS URL; null when {@code publicKey} is set
 * @param algorithms {@code mp.jwt.verify.publickey.algorithm}: accepted signature algorithms;
 *     asymmetric only (RS*, ES*, PS*); empty = {@code RS256, ES256}
 * @param issuer {@code mp.jwt.verify.issuer}: the required {@code iss}, null = not checked
 * @param audiences {@code mp.jwt.verify.audiences}: {@code aud} must hold one of them; empty = not checked
 * @param clockSkewSeconds {@code mp.jwt.verify.clock.skew}: leeway for {@code exp}/{@code iat}/{@code nbf}
 * @param tokenAgeSeconds {@code mp.jwt.verify.token.age}: maximum age since {@code iat}, null = none
 * @param tenantClaim claim holding the tenant(s): a string or a list of strings
 * @param scopeClaim claim holding the scopes: space-separated string (OAuth style) or a list
 * @param lbacClaim claim holding the LBAC policy: a list of selectors (for every tenant of the token)
 *     or an object tenant → list of selectors
 * @param maxTokenLength longest token accepted, in characters
 * @param jwksRefreshMinutes how often a JWKS URL is re-fetched ({@code smallrye.jwt.jwks.refresh-interval})
 */
public record JwtOptions(String publicKey, String publicKeyLocation, Set<String> algorithms, String issuer,
        Set<String> audiences, int clockSkewSeconds, Long tokenAgeSeconds, String tenantClaim, String scopeClaim,
        String lbacClaim, int maxTokenLength, int jwksRefreshMinutes) {

    public static final int DEFAULT_MAX_TOKEN_LENGTH = 8 * 1024;
    public static final Set<String> DEFAULT_ALGORITHMS = Set.of("RS256", "ES256");
    private static final List<String> ASYMMETRIC =
            List.of("RS256", "RS384", "RS512", "ES256", "ES384", "ES512", "PS256", "PS384", "PS512");

    public JwtOptions {
        algorithms = algorithms == null || algorithms.isEmpty() ? DEFAULT_ALGORITHMS : Set.copyOf(algorithms);
        for (String a : algorithms) {
            if (!ASYMMETRIC.contains(a)) {
                throw new IllegalArgumentException("JWT algorithm '" + a + "' is not accepted; use one of " + ASYMMETRIC);
            }
        }
        audiences = audiences == null ? Set.of() : Set.copyOf(audiences);
        if ((publicKey == null || publicKey.isBlank()) == (publicKeyLocation == null || publicKeyLocation.isBlank())) {
            throw new IllegalArgumentException(
                    "set exactly one of mp.jwt.verify.publickey and mp.jwt.verify.publickey.location for auth mode jwt");
        }
        if (clockSkewSeconds < 0) {
            throw new IllegalArgumentException("mp.jwt.verify.clock.skew must not be negative");
        }
        tenantClaim = tenantClaim == null || tenantClaim.isBlank() ? "tenant" : tenantClaim;
        scopeClaim = scopeClaim == null || scopeClaim.isBlank() ? "scope" : scopeClaim;
        lbacClaim = lbacClaim == null || lbacClaim.isBlank() ? "lbac" : lbacClaim;
        maxTokenLength = maxTokenLength <= 0 ? DEFAULT_MAX_TOKEN_LENGTH : maxTokenLength;
        jwksRefreshMinutes = jwksRefreshMinutes <= 0 ? 60 : jwksRefreshMinutes;
    }

    /** Defaults with a public key (PEM / JWK content). */
    public static JwtOptions withPublicKey(String publicKey) {
        return new JwtOptions(publicKey, null, null, null, null, 60, null, null, null, null, 0, 0);
    }

    /** Defaults with a key location (file or URL). */
    public static JwtOptions withKeyLocation(String location) {
        return new JwtOptions(null, location, null, null, null, 60, null, null, null, null, 0, 0);
    }

    public JwtOptions withIssuer(String iss) {
        return new JwtOptions(publicKey, publicKeyLocation, algorithms, iss, audiences, clockSkewSeconds,
                tokenAgeSeconds, tenantClaim, scopeClaim, lbacClaim, maxTokenLength, jwksRefreshMinutes);
    }

    public JwtOptions withAudiences(Set<String> aud) {
        return new JwtOptions(publicKey, publicKeyLocation, algorithms, issuer, aud, clockSkewSeconds,
                tokenAgeSeconds, tenantClaim, scopeClaim, lbacClaim, maxTokenLength, jwksRefreshMinutes);
    }

    public JwtOptions withAlgorithms(Set<String> algs) {
        return new JwtOptions(publicKey, publicKeyLocation, algs, issuer, audiences, clockSkewSeconds,
                tokenAgeSeconds, tenantClaim, scopeClaim, lbacClaim, maxTokenLength, jwksRefreshMinutes);
    }

    public JwtOptions withClockSkew(int seconds) {
        return new JwtOptions(publicKey, publicKeyLocation, algorithms, issuer, audiences, seconds,
                tokenAgeSeconds, tenantClaim, scopeClaim, lbacClaim, maxTokenLength, jwksRefreshMinutes);
    }

    public JwtOptions withClaims(String tenant, String scope, String lbac) {
        return new JwtOptions(publicKey, publicKeyLocation, algorithms, issuer, audiences, clockSkewSeconds,
                tokenAgeSeconds, tenant, scope, lbac, maxTokenLength, jwksRefreshMinutes);
    }
}
