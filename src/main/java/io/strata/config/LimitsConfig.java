package io.strata.config;

import io.smallrye.config.WithDefault;
import java.util.List;

/**
 * Loki's {@code limits_config} keys in kebab case with Loki 3.x defaults. Sizes accept Loki's
 * human forms ({@code 256KB}, {@code 3MB}); durations Prometheus forms ({@code 7d}, {@code 721h}).
 */
public interface LimitsConfig {
    @WithDefault("4")
    double ingestionRateMb();

    @WithDefault("6")
    double ingestionBurstSizeMb();

    @WithDefault("256KB")
    String maxLineSize();

    @WithDefault("false")
    boolean maxLineSizeTruncate();

    @WithDefault("15")
    int maxLabelNamesPerSeries();

    @WithDefault("1024")
    int maxLabelNameLength();

    @WithDefault("2048")
    int maxLabelValueLength();

    @WithDefault("true")
    boolean rejectOldSamples();

    @WithDefault("7d")
    String rejectOldSamplesMaxAge();

    @WithDefault("10m")
    String creationGracePeriod();

    @WithDefault("0")
    int maxStreamsPerUser();

    @WithDefault("5000")
    int maxGlobalStreamsPerUser();

    @WithDefault("3MB")
    String perStreamRateLimit();

    @WithDefault("15MB")
    String perStreamRateLimitBurst();

    @WithDefault("5000")
    int maxEntriesLimitPerQuery();

    @WithDefault("721h")
    String maxQueryLength();

    @WithDefault("0")
    String maxQueryLookback();

    @WithDefault("500")
    int maxQuerySeries();

    /** Longest {@code [range]} of a range vector in a metric query; 0 = no limit. */
    @WithDefault("0s")
    String maxQueryRange();

    /** Loki's {@code max_query_parallelism} (for non-TSDB schemas; accepted, not used by Strata). */
    @WithDefault("32")
    int maxQueryParallelism();

    /** Loki's {@code tsdb_max_query_parallelism}; below 1 every query is refused (429), as with a TSDB schema. */
    @WithDefault("128")
    int tsdbMaxQueryParallelism();

    @WithDefault("1m")
    String queryTimeout();

    /** Labels searched for a {@code service_name}; {@code none} (or empty) disables discovery. */
    @WithDefault("service,app,application,app_name,name,app_kubernetes_io_name,container,container_name,"
            + "k8s_container_name,component,workload,job,k8s_job_name")
    List<String> discoverServiceName();

    @WithDefault("true")
    boolean discoverLogLevels();

    @WithDefault("level,LEVEL,Level,log.level,severity,SEVERITY,Severity,SeverityText,lvl,LVL,Lvl,"
            + "severity_text,Severity_Text,SEVERITY_TEXT")
    List<String> logLevelFields();

    @WithDefault("2")
    int logLevelFromJsonMaxDepth();

    @WithDefault("true")
    boolean allowStructuredMetadata();

    @WithDefault("64KB")
    String maxStructuredMetadataSize();

    @WithDefault("128")
    int maxStructuredMetadataEntriesCount();

    /** Loki's {@code retention_period}: how long entries are kept when the compactor's retention is on; 0 = forever. */
    @WithDefault("0s")
    String retentionPeriod();

    /** Loki's {@code retention_stream}: per-selector retention periods ({@code strata.limits.retention-stream[0].selector=...}). */
    java.util.Optional<List<RetentionStreamConfig>> retentionStream();

    /** Loki's {@code deletion_mode}: {@code disabled}, {@code filter-only} or {@code filter-and-delete}. */
    @WithDefault("filter-and-delete")
    String deletionMode();

    /** One {@code retention_stream} rule. */
    interface RetentionStreamConfig {
        String selector();

        @WithDefault("0")
        int priority();

        String period();
    }
}
