package io.strata.tenant.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.strata.model.ErrorCategory;
import io.strata.model.StrataException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jose4j.json.JsonUtil;
import org.jose4j.jwt.consumer.ErrorCodes;
import org.jose4j.jwt.consumer.InvalidJwtException;

/**
 * Mode {@code jwt}: {@code Authorization: Bearer <JWT>} verified by SmallRye JWT's
 * {@link DefaultJWTParser} (signature, {@code exp}, {@code iat}, issuer and audience when
 * configured), then the tenant(s), scopes and LBAC policy are read from the configured claims
 * ({@link JwtClaimsReader}).
 *
 * <p>Before SmallRye sees a token this class bounds its length, requires the compact JWS shape and
 * refuses {@code alg: none} and every algorithm not configured (SmallRye/jose4j refuse them too;
 * the early check gives a clear message and costs no signature work). Verified tokens are cached
 * (bounded, until {@code exp} and at most {@value #CACHE_SECONDS} s) so a dashboard's burst of
 * requests with one token verifies it once. Thread-safe.
 */
public final class JwtAuthenticator implements Authenticator {
    static final int CACHE_SECONDS = 300;
    /** Bound of the verified-token cache, in token characters (~32 MB of heap at most). */
    static final long MAX_CACHED_TOKEN_CHARS = 16L << 20;

    private final JwtOptions options;
    private final Set<String> algorithms;
    private final JWTParser parser;
    private final JwtClaimsReader claims;
    private final Cache<String, Verified> verified;

    private record Verified(Identity identity, long expiresAtMillis) {}

    /**
     * @throws IllegalArgumentException when the key cannot be loaded or does not fit the algorithms
     */
    public JwtAuthenticator(JwtOptions options) {
        this.options = options;
        JWTAuthContextInfo info = new JWTAuthContextInfo();
        this.algorithms = Set.copyOf(new TreeSet<>(JwtKeySource.configure(options, info)));
        if (options.issuer() != null && !options.issuer().isBlank()) {
            info.setIssuedBy(options.issuer());
        }
        if (!options.audiences().isEmpty()) {
            info.setExpectedAudience(options.audiences());
        }
        info.setClockSkew(options.clockSkewSeconds());
        info.setRequireNamedPrincipal(false);
        info.setTokenAge(options.tokenAgeSeconds());
        // our own principal factory: SmallRye's shared singleton would share a cached key resolver
        this.parser = new DefaultJWTParser(info, new DefaultJWTCallerPrincipalFactory());
        this.claims = new JwtClaimsReader(options);
        this.verified = Caffeine.newBuilder().maximumWeight(MAX_CACHED_TOKEN_CHARS)
                .weigher((String token, Verified v) -> token.length() + 512).expireAfter(new Expiry<String, Verified>() {
            @Override
            public long expireAfterCreate(String key, Verified value, long currentTime) {
                long ms = Math.min(value.expiresAtMillis() - System.currentTimeMillis(), CACHE_SECONDS * 1000L);
                return TimeUnit.MILLISECONDS.toNanos(Math.max(ms, 0));
            }

            @Override
            public long expireAfterUpdate(String key, Verified value, long currentTime, long currentDuration) {
                return currentDuration;
            }

            @Override
            public long expireAfterRead(String key, Verified value, long currentTime, long currentDuration) {
                return currentDuration;
            }
        }).build();
    }

    @Override
    public Identity authenticate(RequestHeaders headers) {
        Credentials c = Credentials.from(headers);
        if (c == null) {
            throw unauthenticated("no credentials: send an 'Authorization: Bearer <JWT>' header");
        }
        if (!c.schemeKey().equals("bearer")) {
            throw unauthenticated("unsupported Authorization scheme '" + c.scheme()
                    + "': send an 'Authorization: Bearer <JWT>' header");
        }
        return authenticateToken(c.value());
    }

    @Override
    public String challenge() {
        return "Bearer realm=\"strata\"";
    }

    /** Verifies one bearer token. */
    public Identity authenticateToken(String token) {
        Verified hit = verified.getIfPresent(token);
        if (hit != null && hit.expiresAtMillis() > System.currentTimeMillis()) {
            return hit.identity();
        }
        return verifyUncached(token);
    }

    /** Full verification without the cache (benchmarks and tests). */
    Identity verifyUncached(String token) {
        precheck(token);
        JsonWebToken jwt;
        try {
            jwt = parser.parse(token);
        } catch (ParseException e) {
            throw invalid(reason(e));
        } catch (RuntimeException e) {
            throw invalid("token could not be verified");
        }
        Identity identity = claims.identity(jwt);
        verified.put(token, new Verified(identity, jwt.getExpirationTime() * 1000L));
        return identity;
    }

    /** Shape, length and algorithm checks that need no key. */
    private void precheck(String token) {
        if (token.length() > options.maxTokenLength()) {
            throw invalid("token longer than " + options.maxTokenLength() + " characters");
        }
        int dots = 0;
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c == '.') {
                dots++;
            } else if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'
                    || c == '_')) {
                throw invalid("not a JWT (expected base64url header.payload.signature)");
            }
        }
        if (dots == 4) {
            throw invalid("encrypted tokens (JWE) are not accepted; send a signed JWT");
        }
        if (dots != 2) {
            throw invalid("not a JWT (expected base64url header.payload.signature)");
        }
        int first = token.indexOf('.');
        Map<String, Object> header;
        try {
            byte[] json = Base64.getUrlDecoder().decode(token.substring(0, first));
            header = JsonUtil.parseJson(new String(json, StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw invalid("the JWT header is not base64url JSON");
        }
        Object alg = header.get("alg");
        if (!(alg instanceof String a)) {
            throw invalid("the JWT header has no 'alg'");
        }
        if (a.equalsIgnoreCase("none")) {
            throw invalid("algorithm 'none' is not allowed");
        }
        if (!algorithms.contains(a)) {
            throw invalid("algorithm '" + Identity.printable(a) + "' is not allowed; accepted: "
                    + String.join(", ", new TreeSet<>(algorithms)));
        }
        if (token.endsWith(".")) {
            throw invalid("the JWT has no signature");
        }
    }

    private static String reason(ParseException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InvalidJwtException ij) {
                if (ij.hasExpired()) {
                    return "token expired";
                }
                if (ij.hasErrorCode(ErrorCodes.SIGNATURE_INVALID)) {
                    return "signature invalid";
                }
                if (ij.hasErrorCode(ErrorCodes.ISSUER_INVALID) || ij.hasErrorCode(ErrorCodes.ISSUER_MISSING)) {
                    return "issuer not accepted";
                }
                if (ij.hasErrorCode(ErrorCodes.AUDIENCE_INVALID) || ij.hasErrorCode(ErrorCodes.AUDIENCE_MISSING)) {
                    return "audience not accepted";
                }
                if (ij.hasErrorCode(ErrorCodes.EXPIRATION_MISSING)) {
                    return "token has no 'exp' claim";
                }
                if (ij.hasErrorCode(ErrorCodes.ISSUED_AT_MISSING)) {
                    return "token has no 'iat' claim";
                }
                if (ij.hasErrorCode(ErrorCodes.NOT_YET_VALID)) {
                    return "token not yet valid";
                }
                if (ij.hasErrorCode(ErrorCodes.ISSUED_AT_INVALID_FUTURE)) {
                    return "token issued in the future";
                }
                if (ij.hasErrorCode(ErrorCodes.SIGNATURE_MISSING)) {
                    return "the JWT has no signature";
                }
                return "token could not be verified";
            }
            if (t instanceof org.jose4j.lang.UnresolvableKeyException) {
                return "no key matches the token (kid/alg)";
            }
        }
        String m = e.getMessage() == null ? "" : e.getMessage();
        if (m.contains("age")) {
            return "token too old";
        }
        return "token could not be verified";
    }

    static StrataException invalid(String reason) {
        return new StrataException(ErrorCategory.UNAUTHENTICATED, "invalid token: " + reason);
    }

    static StrataException unauthenticated(String message) {
        return new StrataException(ErrorCategory.UNAUTHENTICATED, message);
    }
}
