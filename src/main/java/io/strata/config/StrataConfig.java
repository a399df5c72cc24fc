package io.strata.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

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

    /**
     * {@code STRATA_TARGET}: what this process runs, {@code all} (default, everything), {@code write}
     * (push, WAL, flush), {@code read} (queries) or {@code backend} (ruler, retention); see README "Scale-out".
     */
    @WithDefault("all")
    String target();

    /** Where chunks and index segments live. */
    StorageConfig storage();

    /**
     * {@code STRATA_WRITERS}: {@code host:port,...} of the writers that {@code read}/{@code backend} (and
     * {@code all} over S3) ask for unflushed data; every address of a DNS name is one writer.
     */
    Optional<String> writers();

    /** How often a reader (and {@code all} over S3) lists new index segments in the store. */
    @WithDefault("10s")
    Duration indexSyncPeriod();

    /** How long a writer keeps serving just-flushed chunks to readers (longer than their index sync). */
    @WithDefault("1m")
    Duration chunkRetainPeriod();

    /** {@code STRATA_INSTANCE_ID}: this writer's id in index segment names (a StatefulSet pod name). */
    Optional<String> instanceId();

    /** {@code strata.storage.*}. */
    interface StorageConfig {
        /** {@code STRATA_STORAGE_TYPE}: {@code local} (under the data dir) or {@code s3} ({@code STRATA_S3_*}). */
        @WithDefault("local")
        String type();
    }

    /** Bytes of {@link #maxRecvMsgSize()}. */
    default long maxRecvMsgSizeBytes() {
        return ByteSize.parse(maxRecvMsgSize());
    }

    /** Bytes of {@link #maxDecompressedSize()}. */
    default long maxDecompressedSizeBytes() {
        return ByteSize.parse(maxDecompressedSize());
    }
}
