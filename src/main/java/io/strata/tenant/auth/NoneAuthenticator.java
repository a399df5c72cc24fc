package io.strata.tenant.auth;

import java.util.Map;
import java.util.Set;

/**
 * Mode {@code none}: no authentication, every request belongs to one fixed tenant ({@code fake} as
 * in Loki with {@code auth_enabled: false}) with every scope. Any {@code X-Scope-OrgID} is ignored.
 */
public final class NoneAuthenticator implements Authenticator {
    public static final String DEFAULT_TENANT = "fake";

    private final Identity identity;

    public NoneAuthenticator() {
        this(DEFAULT_TENANT);
    }

    public NoneAuthenticator(String tenant) {
        this.identity = new Identity("anonymous", AuthMethod.NONE, Set.of(TenantIds.validate(tenant)), false,
                Identity.allScopes(), Map.of());
    }

    @Override
    public Identity authenticate(RequestHeaders headers) {
        return identity;
    }
}
