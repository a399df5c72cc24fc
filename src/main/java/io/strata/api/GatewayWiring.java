package io.strata.api;

import io.strata.config.StrataConfig;
import io.strata.tenant.auth.AuthMethod;
import io.strata.tenant.auth.BasicAuthenticator;
import io.strata.tenant.auth.CompositeAuthenticator;
import io.strata.tenant.auth.JwtAuthenticator;
import io.strata.tenant.auth.JwtOptions;
import io.strata.tenant.auth.TenantResolution;
import io.strata.tenant.overrides.TenantsDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * CDI producers of the gateway: the {@code tenants/} directory (watched from start to shutdown),
 * the authenticator of {@code STRATA_AUTH_MODE} and the tenant resolution. JWT settings are
 * SmallRye's own {@code mp.jwt.verify.*} keys, read here because the Quarkus smallrye-jwt HTTP
 * mechanism is disabled ({@code quarkus.smallrye-jwt.enabled=false}): Strata verifies tokens itself
 * so that a bad token gets Strata's 401 text and never a fall-back. A wrong setting fails the start
 * with a message naming the key.
 */
@ApplicationScoped
public class GatewayWiring {
    @Produces
    @Singleton
    TenantsDirectory tenantsDirectory(StrataConfig config) {
        TenantsDirectory dir = new TenantsDirectory(config.tenantsDir());
        dir.start(config.tenantsReloadInterval());
        return dir;
    }

    void closeTenantsDirectory(@Disposes TenantsDirectory dir) {
        dir.close();
    }

    @Produces
    @Singleton
    TenantResolution tenantResolution(StrataConfig config) {
        return new TenantResolution(config.multiTenantQueriesEnabled());
    }

    @Produces
    @Singleton
    CompositeAuthenticator authenticator(StrataConfig config, TenantsDirectory tenants) {
        Set<AuthMethod> modes;
        try {
            modes = AuthMethod.parseList(config.authMode());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("strata.auth-mode (STRATA_AUTH_MODE): " + e.getMessage(), e);
        }
        JwtAuthenticator jwt = modes.contains(AuthMethod.JWT) ? new JwtAuthenticator(jwtOptions(config)) : null;
        BasicAuthenticator basic = modes.contains(AuthMethod.BASIC) ? new BasicAuthenticator(tenants) : null;
        return new CompositeAuthenticator(modes, jwt, basic);
    }

    static JwtOptions jwtOptions(StrataConfig config) {
        Config mp = ConfigProvider.getConfig();
        String publicKey = text(mp, "mp.jwt.verify.publickey").orElse(null);
        String location = text(mp, "mp.jwt.verify.publickey.location").orElse(null);
        Set<String> algorithms = list(mp, "mp.jwt.verify.publickey.algorithm");
        String issuer = text(mp, "mp.jwt.verify.issuer").orElse(null);
        Set<String> audiences = list(mp, "mp.jwt.verify.audiences");
        int skew = number(mp, "mp.jwt.verify.clock.skew").orElse(60L).intValue();
        Long tokenAge = number(mp, "mp.jwt.verify.token.age").orElse(null);
        int refresh = number(mp, "smallrye.jwt.jwks.refresh-interval").orElse(60L).intValue();
        var claims = config.jwt();
        return new JwtOptions(publicKey, location, algorithms, issuer, audiences, skew, tokenAge,
                claims.tenantClaim(), claims.scopeClaim(), claims.lbacClaim(), claims.maxTokenLength(), refresh);
    }

    private static Optional<String> text(Config mp, String key) {
        return mp.getOptionalValue(key, String.class).map(String::strip).filter(s -> !s.isEmpty());
    }

    private static Set<String> list(Config mp, String key) {
        Set<String> out = new LinkedHashSet<>();
        text(mp, key).ifPresent(v -> {
            for (String part : v.split(",")) {
                if (!part.isBlank()) {
                    out.add(part.strip());
                }
            }
        });
        return out;
    }

    private static Optional<Long> number(Config mp, String key) {
        Optional<String> v = text(mp, key);
        if (v.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(v.get()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + ": '" + v.get() + "' is not a whole number of seconds");
        }
    }
}
