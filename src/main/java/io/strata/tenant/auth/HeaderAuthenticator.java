package io.strata.tenant.auth;

import java.util.Map;
import java.util.Set;

/**
 * Mode {@code header}: Loki's own behaviour. Nothing is verified; the caller's {@code X-Scope-OrgID}
 * names the tenant(s) and every scope is granted. Use it only behind a trusted proxy. A missing
 * header is refused later by {@link TenantResolution} with Loki's 401 {@code no org id}.
 */
public final class HeaderAuthenticator implements Authenticator {
    private static final Identity IDENTITY =
            new Identity("anonymous", AuthMethod.HEADER, Set.of(), true, Identity.allScopes(), Map.of());

    @Override
    public Identity authenticate(RequestHeaders headers) {
        return IDENTITY;
    }
}
