package io.strata.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Strata's own configuration, prefix {@code strata}. Every key can be set in
 * {@code application.properties}/{@code application.yaml} or as an environment variable
 * ({@code strata.limits.ingestion-rate-mb} = {@code STRATA_LIMITS_INGESTION_RATE_MB}).
 * Core code never sees this interface: it receives the plain records built from it.
 */
@ConfigMapping(prefix = "strata")
public interface StrataConfig {
    /** Root of the WAL and the local object store. */
    @WithDefault("./data")
    Path dataDir();

    /**
     * {@code STRATA_AUTH_MODE}: how a request is authenticated, a comma list of {@code none} (tenant
     * {@code fake}), {@code header} (trust X-Scope-OrgID, Loki's behaviour), {@code jwt}, {@code basic}.
     */
    @WithDefault("header")
    String authMode();

    /** Loki's {@code querier.multi_tenant_queries_enabled}: reads may name {@code a|b}. */
    @WithDefault("false")
    boolean multiTenantQueriesEnabled();

    /** Per-tenant limit overrides and basic-auth users, one {@code <tenant>.yaml} each. */
    @WithDefault("./tenants")
    Path tenantsDir();

    /** How often {@code tenants/} is re-read. */
    @WithDefault("5s")
    Duration tenantsReloadInterval();

    /** Claims of JWT bearer tokens (the key settings are SmallRye's own {@code mp.jwt.verify.*}). */
    JwtConfig jwt();

    /** Loki's {@code distributor.max_recv_msg_size}: largest accepted (compressed) push body. */
    @WithDefault("100MiB")
    String maxRecvMsgSize();

    /** Loki's {@code max_decompressed_size}: largest accepted push body after gzip/deflate/snappy. */
    @WithDefault("5000MiB")
    String maxDecompressedSize();

    /** Global defaults of Loki's {@code limits_config}. */
    LimitsConfig limits();

    /** Bytes of {@link #maxRecvMsgSize()}. */
    default long maxRecvMsgSizeBytes() {
        return ByteSize.parse(maxRecvMsgSize());
    }

    /** Bytes of {@link #maxDecompressedSize()}. */
    default long maxDecompressedSizeBytes() {
        return ByteSize.parse(maxDecompressedSize());
    }
}
