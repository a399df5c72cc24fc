package io.strata.tenant.auth;

import io.strata.model.ErrorCategory;
import io.strata.model.StrataException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The authenticator for a {@code STRATA_AUTH_MODE} comma list. Rules:
 * <ul>
 *   <li>An Authorization scheme that a configured mode verifies ({@code Bearer} for jwt,
 *   {@code Basic} for basic) must verify; a failure is final (401), never a fall-back to another
 *   mode or to the header.</li>
 *   <li>Without an Authorization header: mode {@code header} (if listed) trusts
 *   {@code X-Scope-OrgID}; otherwise 401 saying which credential to send.</li>
 *   <li>With {@code header} listed, a scheme no listed mode verifies is ignored, as Loki ignores
 *   Authorization; without it, such a scheme is refused (401).</li>
 *   <li>{@code none} stands alone (see {@link AuthMethod#parseList}).</li>
 * </ul>
 */
public final class CompositeAuthenticator implements Authenticator {
    private final Set<AuthMethod> modes;
    private final Authenticator none;
    private final HeaderAuthenticator header;
    private final JwtAuthenticator jwt;
    private final BasicAuthenticator basic;
    private final String missingText;

    /**
     * @param jwt required when modes hold JWT, else ignored
     * @param basic required when modes hold BASIC, else ignored
     */
    public CompositeAuthenticator(Set<AuthMethod> modes, JwtAuthenticator jwt, BasicAuthenticator basic) {
        this.modes = Set.copyOf(modes);
        if (modes.isEmpty() || (modes.contains(AuthMethod.NONE) && modes.size() > 1)) {
            throw new IllegalArgumentException("auth mode 'none' stands alone; got " + modes);
        }
        if (modes.contains(AuthMethod.JWT) && jwt == null) {
            throw new IllegalArgumentException("auth mode jwt needs the mp.jwt.verify.* settings");
        }
        if (modes.contains(AuthMethod.BASIC) && basic == null) {
            throw new IllegalArgumentException("auth mode basic needs the tenants/ directory");
        }
        this.none = modes.contains(AuthMethod.NONE) ? new NoneAuthenticator() : null;
        this.header = modes.contains(AuthMethod.HEADER) ? new HeaderAuthenticator() : null;
        this.jwt = modes.contains(AuthMethod.JWT) ? jwt : null;
        this.basic = modes.contains(AuthMethod.BASIC) ? basic : null;
        this.missingText = missingText(this.jwt != null, this.basic != null);
    }

    public Set<AuthMethod> modes() {
        return modes;
    }

    @Override
    public Identity authenticate(RequestHeaders headers) {
        if (none != null) {
            return none.authenticate(headers);
        }
        Credentials c = header != null && jwt == null && basic == null ? null : Credentials.from(headers);
        if (c != null) {
            if (c.schemeKey().equals("bearer") && jwt != null) {
                return jwt.authenticateToken(c.value());
            }
            if (c.schemeKey().equals("basic") && basic != null) {
                return basic.authenticateBasic(c.value());
            }
            if (header == null) {
                throw new StrataException(ErrorCategory.UNAUTHENTICATED, "unsupported Authorization scheme '"
                        + c.scheme() + "': " + missingText.substring("no credentials: ".length()));
            }
        }
        if (header != null) {
            return header.authenticate(headers);
        }
        throw new StrataException(ErrorCategory.UNAUTHENTICATED, missingText);
    }

    @Override
    public String challenge() {
        List<String> parts = new ArrayList<>();
        if (jwt != null) {
            parts.add(jwt.challenge());
        }
        if (basic != null) {
            parts.add(basic.challenge());
        }
        return parts.isEmpty() ? null : String.join(", ", parts);
    }

    private static String missingText(boolean jwt, boolean basic) {
        if (jwt && basic) {
            return "no credentials: send an Authorization: Bearer <JWT> header or basic auth";
        }
        if (jwt) {
            return "no credentials: send an Authorization: Bearer <JWT> header";
        }
        if (basic) {
            return BasicAuthenticator.MISSING;
        }
        return "no org id";
    }
}
