package io.strata.tenant.auth;

import io.strata.model.ErrorCategory;
import io.strata.model.StrataException;
import io.strata.tenant.access.AccessPolicy;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Reads tenant(s), scopes and the LBAC policy from a verified token's claims:
 * <ul>
 *   <li>tenant claim: a string or a list of strings, each a valid tenant id (no {@code :} metadata);
 *   a token without one is refused (403);</li>
 *   <li>scope claim: a space-separated string (OAuth) or a list; unknown names are ignored;</li>
 *   <li>lbac claim: a list of selectors applying to every tenant of the token, or an object
 *   tenant → list of selectors (tenants absent from the object are unrestricted). A selector that
 *   does not parse makes the whole token invalid: a broken policy never means "no policy".</li>
 * </ul>
 */
final class JwtClaimsReader {
    static final int MAX_TENANTS = 1000;

    private final JwtOptions options;

    JwtClaimsReader(JwtOptions options) {
        this.options = options;
    }

    Identity identity(JsonWebToken jwt) {
        String principal = jwt.getName() != null ? jwt.getName() : jwt.getSubject() != null ? jwt.getSubject() : "jwt";
        Set<String> tenants = tenants(jwt.getClaim(options.tenantClaim()), principal);
        Set<Scope> scopes = scopes(jwt.getClaim(options.scopeClaim()));
        Map<String, AccessPolicy> policies = policies(jwt.getClaim(options.lbacClaim()), tenants);
        return new Identity(principal, AuthMethod.JWT, tenants, false, scopes, policies);
    }

    private Set<String> tenants(Object claim, String principal) {
        List<String> values = strings(claim, options.tenantClaim());
        if (values.isEmpty()) {
            throw new StrataException(ErrorCategory.FORBIDDEN, "access denied: the token of '" + Identity.printable(principal)
                    + "' names no tenant (claim '" + options.tenantClaim() + "')");
        }
        if (values.size() > MAX_TENANTS) {
            throw JwtAuthenticator.invalid("claim '" + options.tenantClaim() + "' names more than " + MAX_TENANTS + " tenants");
        }
        Set<String> out = new TreeSet<>();
        for (String v : values) {
            if (!TenantIds.isValid(v)) {
                throw JwtAuthenticator.invalid("claim '" + options.tenantClaim() + "' holds an invalid tenant ID");
            }
            out.add(v);
        }
        return out;
    }

    private Set<Scope> scopes(Object claim) {
        Set<Scope> out = EnumSet.noneOf(Scope.class);
        List<String> values = claim instanceof String || claim instanceof JsonString
                ? List.of(text(claim).trim().split("\\s+")) : strings(claim, options.scopeClaim());
        for (String v : values) {
            Scope.fromText(v).ifPresent(out::add);
        }
        return out;
    }

    private Map<String, AccessPolicy> policies(Object claim, Set<String> tenants) {
        if (claim == null || claim == JsonValue.NULL) {
            return Map.of();
        }
        Map<String, AccessPolicy> out = new HashMap<>();
        try {
            if (claim instanceof JsonObject || claim instanceof Map<?, ?>) {
                Map<?, ?> map = (Map<?, ?>) claim;
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    String tenant = String.valueOf(e.getKey());
                    if (tenants.contains(tenant)) {
                        out.put(tenant, AccessPolicy.parse(strings(e.getValue(), options.lbacClaim())));
                    }
                }
                return out;
            }
            AccessPolicy policy = AccessPolicy.parse(strings(claim, options.lbacClaim()));
            for (String t : tenants) {
                out.put(t, policy);
            }
            return out;
        } catch (StrataException e) {
            throw JwtAuthenticator.invalid("claim '" + options.lbacClaim() + "': " + e.getMessage());
        }
    }

    /** A string or a list of strings; anything else makes the token invalid. */
    private static List<String> strings(Object claim, String name) {
        if (claim == null || claim == JsonValue.NULL) {
            return List.of();
        }
        if (claim instanceof String || claim instanceof JsonString) {
            return List.of(text(claim));
        }
        if (claim instanceof JsonArray || claim instanceof Collection<?>) {
            Collection<?> c = (Collection<?>) claim;
            List<String> out = new ArrayList<>(c.size());
            for (Object o : c) {
                if (!(o instanceof String || o instanceof JsonString)) {
                    throw JwtAuthenticator.invalid("claim '" + name + "' must hold strings");
                }
                out.add(text(o));
            }
            return out;
        }
        throw JwtAuthenticator.invalid("claim '" + name + "' must be a string or a list of strings");
    }

    private static String text(Object o) {
        return o instanceof JsonString js ? js.getString() : (String) o;
    }
}
