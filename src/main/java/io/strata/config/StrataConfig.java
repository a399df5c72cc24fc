package io.strata.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;

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

    /** How the tenant of a request is found: {@code header} (X-Scope-OrgID) or {@code none} (tenant {@code fake}). */
    @WithDefault("header")
    AuthMode authMode();

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
