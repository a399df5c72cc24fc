package io.strata.tenant;

import io.strata.config.ByteSize;
import io.strata.config.PrometheusDuration;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Applies the {@code limits:} section of a {@code tenants/<tenant>.yaml} to the global defaults,
 * reading each raw value with Loki's rules: byte sizes as {@code flagext.ByteSize} ({@code 256KB}),
 * durations as Prometheus' {@code model.Duration} ({@code 744h}, {@code 7d}), booleans as YAML
 * ({@code true}, {@code yes}, ...), lists as YAML lists (or a comma string). A value that does not
 * parse is reported and the default kept; names Strata does not enforce are accepted and ignored
 * (the file stays valid for Loki). Stateless.
 */
public final class LimitOverrides {
    private LimitOverrides() {}

    /**
     * @param values Loki limit name → raw value tree (string leaves, {@code List}/{@code Map} inner nodes)
     * @param errors receives (name, reason) for every value that was not applied
     */
    public static Limits apply(Limits d, Map<String, Object> values, BiConsumer<String, String> errors) {
        double ingestionRateMb = d.ingestionRateMb();
        double ingestionBurstSizeMb = d.ingestionBurstSizeMb();
        long maxLineSize = d.maxLineSize();
        boolean maxLineSizeTruncate = d.maxLineSizeTruncate();
        int maxLabelNamesPerSeries = d.maxLabelNamesPerSeries();
        int maxLabelNameLength = d.maxLabelNameLength();
        int maxLabelValueLength = d.maxLabelValueLength();
        boolean rejectOldSamples = d.rejectOldSamples();
        Duration rejectOldSamplesMaxAge = d.rejectOldSamplesMaxAge();
        Duration creationGracePeriod = d.creationGracePeriod();
        int maxStreamsPerUser = d.maxStreamsPerUser();
        int maxGlobalStreamsPerUser = d.maxGlobalStreamsPerUser();
        long perStreamRateLimit = d.perStreamRateLimit();
        long perStreamRateLimitBurst = d.perStreamRateLimitBurst();
        int maxEntriesLimitPerQuery = d.maxEntriesLimitPerQuery();
        Duration maxQueryLength = d.maxQueryLength();
        Duration maxQueryLookback = d.maxQueryLookback();
        int maxQuerySeries = d.maxQuerySeries();
        Duration queryTimeout = d.queryTimeout();
        List<String> discoverServiceName = d.discoverServiceName();
        boolean discoverLogLevels = d.discoverLogLevels();
        List<String> logLevelFields = d.logLevelFields();
        int logLevelFromJsonMaxDepth = d.logLevelFromJsonMaxDepth();
        boolean allowStructuredMetadata = d.allowStructuredMetadata();
        long maxStructuredMetadataSize = d.maxStructuredMetadataSize();
        int maxStructuredMetadataEntriesCount = d.maxStructuredMetadataEntriesCount();
        Duration retentionPeriod = d.retentionPeriod();
        List<RetentionStream> retentionStream = d.retentionStream();
        String deletionMode = d.deletionMode();
        Duration maxQueryRange = d.maxQueryRange();
        int maxQueryParallelism = d.maxQueryParallelism();
        int tsdbMaxQueryParallelism = d.tsdbMaxQueryParallelism();

        for (Map.Entry<String, Object> e : values.entrySet()) {
            String name = e.getKey();
            Object v = e.getValue();
            try {
                switch (name) {
                    case "ingestion_rate_mb" -> ingestionRateMb = nonNegativeFloat(v);
                    case "ingestion_burst_size_mb" -> ingestionBurstSizeMb = nonNegativeFloat(v);
                    case "max_line_size" -> maxLineSize = bytes(v);
                    case "max_line_size_truncate" -> maxLineSizeTruncate = bool(v);
                    case "max_label_names_per_series" -> maxLabelNamesPerSeries = integer(v);
                    case "max_label_name_length" -> maxLabelNameLength = integer(v);
                    case "max_label_value_length" -> maxLabelValueLength = integer(v);
                    case "reject_old_samples" -> rejectOldSamples = bool(v);
                    case "reject_old_samples_max_age" -> rejectOldSamplesMaxAge = duration(v);
                    case "creation_grace_period" -> creationGracePeriod = duration(v);
                    case "max_streams_per_user" -> maxStreamsPerUser = integer(v);
                    case "max_global_streams_per_user" -> maxGlobalStreamsPerUser = integer(v);
                    case "per_stream_rate_limit" -> perStreamRateLimit = bytes(v);
                    case "per_stream_rate_limit_burst" -> perStreamRateLimitBurst = bytes(v);
                    case "max_entries_limit_per_query" -> maxEntriesLimitPerQuery = integer(v);
                    case "max_query_length" -> maxQueryLength = duration(v);
                    case "max_query_lookback" -> maxQueryLookback = duration(v);
                    case "max_query_series" -> maxQuerySeries = integer(v);
                    case "query_timeout" -> queryTimeout = duration(v);
                    case "max_query_range" -> maxQueryRange = duration(v);
                    case "max_query_parallelism" -> maxQueryParallelism = integer(v);
                    case "tsdb_max_query_parallelism" -> tsdbMaxQueryParallelism = integer(v);
                    case "discover_service_name" -> discoverServiceName = list(v);
                    case "discover_log_levels" -> discoverLogLevels = bool(v);
                    case "log_level_fields" -> logLevelFields = list(v);
                    case "log_level_from_json_max_depth" -> logLevelFromJsonMaxDepth = integer(v);
                    case "allow_structured_metadata" -> allowStructuredMetadata = bool(v);
                    case "max_structured_metadata_size" -> maxStructuredMetadataSize = bytes(v);
                    case "max_structured_metadata_entries_count" -> maxStructuredMetadataEntriesCount = integer(v);
                    case "retention_period" -> retentionPeriod = duration(v);
                    case "retention_stream" -> retentionStream = retentionStreams(v);
                    case "deletion_mode" -> deletionMode = deletionMode(v);
                    default -> {
                        // a Loki limit Strata does not enforce (yet): accepted, no effect
                    }
                }
            } catch (IllegalArgumentException | ArithmeticException ex) {
                errors.accept(name, ex.getMessage() == null ? "invalid value" : ex.getMessage());
            }
        }
        return new Limits(ingestionRateMb, ingestionBurstSizeMb, maxLineSize, maxLineSizeTruncate,
                maxLabelNamesPerSeries, maxLabelNameLength, maxLabelValueLength, rejectOldSamples,
                rejectOldSamplesMaxAge, creationGracePeriod, maxStreamsPerUser, maxGlobalStreamsPerUser,
                perStreamRateLimit, perStreamRateLimitBurst, maxEntriesLimitPerQuery, maxQueryLength, maxQueryLookback,
                maxQuerySeries, queryTimeout, discoverServiceName, discoverLogLevels, logLevelFields,
                logLevelFromJsonMaxDepth, allowStructuredMetadata, maxStructuredMetadataSize,
                maxStructuredMetadataEntriesCount, retentionPeriod, retentionStream, deletionMode, maxQueryRange,
                maxQueryParallelism, tsdbMaxQueryParallelism);
    }

    private static String deletionMode(Object v) {
        String s = scalar(v);
        if (!Limits.DELETION_MODES.contains(s)) {
            throw new IllegalArgumentException("unknown deletion mode: must be one of " + String.join("|", Limits.DELETION_MODES));
        }
        return s;
    }

    /** Loki's {@code retention_stream} list; a rule's period must be at least 24h (Loki's validation). */
    private static List<RetentionStream> retentionStreams(Object v) {
        if (!(v instanceof List<?> l)) {
            throw new IllegalArgumentException("expected a list of {selector, priority, period}");
        }
        List<RetentionStream> out = new ArrayList<>();
        for (Object o : l) {
            if (!(o instanceof Map<?, ?> m) || !(m.get("selector") instanceof String sel)) {
                throw new IllegalArgumentException("expected a list of {selector, priority, period}");
            }
            Object p = m.get("period");
            Duration period = p == null ? Duration.ZERO : duration(p);
            if (period.compareTo(Duration.ofHours(24)) < 0) {
                throw new IllegalArgumentException("retention period must be >= 24h was "
                        + (p == null ? "0s" : scalar(p)));
            }
            Object pr = m.get("priority");
            out.add(new RetentionStream(sel.trim(), pr == null ? 0 : integer(pr), period));
        }
        return List.copyOf(out);
    }

    private static String scalar(Object v) {
        if (v instanceof String s) {
            return s.trim();
        }
        throw new IllegalArgumentException("expected a single value, got a " + (v instanceof List ? "list" : "map"));
    }

    private static double nonNegativeFloat(Object v) {
        String s = scalar(v);
        double d;
        try {
            d = Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + s + "' is not a number");
        }
        if (!(d >= 0) || Double.isInfinite(d)) {
            throw new IllegalArgumentException("'" + s + "' must be a finite number >= 0");
        }
        return d;
    }

    private static int integer(Object v) {
        String s = scalar(v);
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + s + "' is not an integer");
        }
    }

    private static long bytes(Object v) {
        String s = scalar(v);
        long b;
        try {
            b = ByteSize.parse(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid byte size: " + s);
        }
        if (b < 0) {
            throw new IllegalArgumentException("invalid byte size: " + s);
        }
        return b;
    }

    private static Duration duration(Object v) {
        return PrometheusDuration.parse(scalar(v));
    }

    private static boolean bool(Object v) {
        String s = scalar(v).toLowerCase(Locale.ROOT);
        return switch (s) {
            case "true", "yes", "on", "y" -> true;
            case "false", "no", "off", "n" -> false;
            default -> throw new IllegalArgumentException("'" + s + "' is not a boolean");
        };
    }

    private static List<String> list(Object v) {
        List<String> out = new ArrayList<>();
        if (v instanceof List<?> l) {
            for (Object o : l) {
                out.add(scalar(o));
            }
        } else {
            String s = scalar(v);
            if (!s.isEmpty()) {
                for (String part : s.split(",")) {
                    out.add(part.trim());
                }
            }
        }
        return out;
    }
}
