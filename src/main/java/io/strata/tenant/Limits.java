package io.strata.tenant;

import io.strata.config.ByteSize;
import io.strata.config.LimitsConfig;
import io.strata.config.PrometheusDuration;
import java.time.Duration;
import java.util.List;

/**
 * The limits of one tenant, named after Loki's {@code limits_config} keys, with Loki 3.x defaults
 * ({@link #defaults()}). Sizes are bytes; zero means "no limit" where Loki says so.
 */
public record Limits(
        double ingestionRateMb,
        double ingestionBurstSizeMb,
        long maxLineSize,
        boolean maxLineSizeTruncate,
        int maxLabelNamesPerSeries,
        int maxLabelNameLength,
        int maxLabelValueLength,
        boolean rejectOldSamples,
        Duration rejectOldSamplesMaxAge,
        Duration creationGracePeriod,
        int maxStreamsPerUser,
        int maxGlobalStreamsPerUser,
        long perStreamRateLimit,
        long perStreamRateLimitBurst,
        int maxEntriesLimitPerQuery,
        Duration maxQueryLength,
        Duration maxQueryLookback,
        int maxQuerySeries,
        Duration queryTimeout,
        List<String> discoverServiceName,
        boolean discoverLogLevels,
        List<String> logLevelFields,
        int logLevelFromJsonMaxDepth,
        boolean allowStructuredMetadata,
        long maxStructuredMetadataSize,
        int maxStructuredMetadataEntriesCount,
        Duration retentionPeriod,
        List<RetentionStream> retentionStream,
        String deletionMode,
        Duration maxQueryRange,
        int maxQueryParallelism,
        int tsdbMaxQueryParallelism) {

    /** Loki's {@code deletion_mode} values. */
    public static final List<String> DELETION_MODES = List.of("disabled", "filter-only", "filter-and-delete");

    /** Loki's default {@code max_query_parallelism}. */
    public static final int DEFAULT_MAX_QUERY_PARALLELISM = 32;

    /** Loki's default {@code tsdb_max_query_parallelism} (the one that applies to a TSDB schema). */
    public static final int DEFAULT_TSDB_MAX_QUERY_PARALLELISM = 128;

    public Limits {
        retentionPeriod = retentionPeriod == null ? Duration.ZERO : retentionPeriod;
        retentionStream = retentionStream == null ? List.of() : List.copyOf(retentionStream);
        deletionMode = deletionMode == null ? "filter-and-delete" : deletionMode;
        discoverServiceName = discoverServiceName.stream()
                .map(String::trim).filter(s -> !s.isEmpty() && !s.equals("none")).toList();
        logLevelFields = List.copyOf(logLevelFields);
        maxQueryRange = maxQueryRange == null ? Duration.ZERO : maxQueryRange;
    }

    /**
     * The limits without retention, query-range and parallelism settings (Loki's defaults for those: keep
     * forever, filter-and-delete, off, 32, 128).
     */
    public Limits(double ingestionRateMb, double ingestionBurstSizeMb, long maxLineSize, boolean maxLineSizeTruncate,
            int maxLabelNamesPerSeries, int maxLabelNameLength, int maxLabelValueLength, boolean rejectOldSamples,
            Duration rejectOldSamplesMaxAge, Duration creationGracePeriod, int maxStreamsPerUser,
            int maxGlobalStreamsPerUser, long perStreamRateLimit, long perStreamRateLimitBurst,
            int maxEntriesLimitPerQuery, Duration maxQueryLength, Duration maxQueryLookback, int maxQuerySeries,
            Duration queryTimeout, List<String> discoverServiceName, boolean discoverLogLevels,
            List<String> logLevelFields, int logLevelFromJsonMaxDepth, boolean allowStructuredMetadata,
            long maxStructuredMetadataSize, int maxStructuredMetadataEntriesCount) {
        this(ingestionRateMb, ingestionBurstSizeMb, maxLineSize, maxLineSizeTruncate, maxLabelNamesPerSeries,
                maxLabelNameLength, maxLabelValueLength, rejectOldSamples, rejectOldSamplesMaxAge, creationGracePeriod,
                maxStreamsPerUser, maxGlobalStreamsPerUser, perStreamRateLimit, perStreamRateLimitBurst,
                maxEntriesLimitPerQuery, maxQueryLength, maxQueryLookback, maxQuerySeries, queryTimeout,
                discoverServiceName, discoverLogLevels, logLevelFields, logLevelFromJsonMaxDepth,
                allowStructuredMetadata, maxStructuredMetadataSize, maxStructuredMetadataEntriesCount, Duration.ZERO,
                List.of(), "filter-and-delete", Duration.ZERO, DEFAULT_MAX_QUERY_PARALLELISM,
                DEFAULT_TSDB_MAX_QUERY_PARALLELISM);
    }

    /** Loki 3.x defaults. */
    public static Limits defaults() {
        return new Limits(4, 6, 256 * 1024, false, 15, 1024, 2048, true, Duration.ofDays(7),
                Duration.ofMinutes(10), 0, 5000, 3L << 20, 15L << 20, 5000, Duration.ofHours(721), Duration.ZERO,
                500, Duration.ofMinutes(1),
                List.of("service", "app", "application", "app_name", "name", "app_kubernetes_io_name", "container",
                        "container_name", "k8s_container_name", "component", "workload", "job", "k8s_job_name"),
                true,
                List.of("level", "LEVEL", "Level", "log.level", "severity", "SEVERITY", "Severity", "SeverityText",
                        "lvl", "LVL", "Lvl", "severity_text", "Severity_Text", "SEVERITY_TEXT"),
                2, true, 64 * 1024, 128, Duration.ZERO, List.of(), "filter-and-delete", Duration.ZERO,
                DEFAULT_MAX_QUERY_PARALLELISM, DEFAULT_TSDB_MAX_QUERY_PARALLELISM);
    }

    /** The global limits of the configuration. */
    public static Limits from(LimitsConfig c) {
        return new Limits(c.ingestionRateMb(), c.ingestionBurstSizeMb(), ByteSize.parse(c.maxLineSize()),
                c.maxLineSizeTruncate(), c.maxLabelNamesPerSeries(), c.maxLabelNameLength(), c.maxLabelValueLength(),
                c.rejectOldSamples(), PrometheusDuration.parse(c.rejectOldSamplesMaxAge()),
                PrometheusDuration.parse(c.creationGracePeriod()), c.maxStreamsPerUser(), c.maxGlobalStreamsPerUser(),
                ByteSize.parse(c.perStreamRateLimit()), ByteSize.parse(c.perStreamRateLimitBurst()),
                c.maxEntriesLimitPerQuery(), PrometheusDuration.parse(c.maxQueryLength()),
                PrometheusDuration.parse(c.maxQueryLookback()), c.maxQuerySeries(),
                PrometheusDuration.parse(c.queryTimeout()), c.discoverServiceName(), c.discoverLogLevels(),
                c.logLevelFields(), c.logLevelFromJsonMaxDepth(), c.allowStructuredMetadata(),
                ByteSize.parse(c.maxStructuredMetadataSize()), c.maxStructuredMetadataEntriesCount(),
                PrometheusDuration.parse(c.retentionPeriod()), c.retentionStream().orElse(List.of()).stream()
                        .map(r -> new RetentionStream(r.selector(), r.priority(), PrometheusDuration.parse(r.period())))
                        .toList(), c.deletionMode(),
                PrometheusDuration.parse(c.maxQueryRange()), c.maxQueryParallelism(), c.tsdbMaxQueryParallelism());
    }

    /** Ingestion rate in bytes per second (Loki counts 1 MB as 2^20 bytes). */
    public long ingestionRateBytes() {
        return (long) (ingestionRateMb * (1 << 20));
    }

    public long ingestionBurstBytes() {
        return (long) (ingestionBurstSizeMb * (1 << 20));
    }

    /** The effective active-stream limit (0 = none): the smaller non-zero of the local and global limits. */
    public int maxActiveStreams() {
        if (maxStreamsPerUser <= 0) {
            return Math.max(maxGlobalStreamsPerUser, 0);
        }
        if (maxGlobalStreamsPerUser <= 0) {
            return maxStreamsPerUser;
        }
        return Math.min(maxStreamsPerUser, maxGlobalStreamsPerUser);
    }
}
