package io.strata.api;

import io.strata.config.PrometheusDuration;
import io.strata.tenant.Limits;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The limits Loki publishes to a tenant (its default {@code tenant_limits_allow_publish} list) as
 * Loki's JSON values: durations in Prometheus form ({@code 30d1h}), lists, numbers, booleans;
 * keys sorted, as Go's encoders write a map. Shared by {@code /loki/api/v1/drilldown-limits}
 * (JSON) and {@code /config/tenant/v1/limits} (YAML). {@code retention_stream} is {@code null} when
 * unset, as Loki writes it; {@code otlp_config} is not a Strata limit and is left out.
 */
final class PublishedLimits {
    private PublishedLimits() {}

    static Map<String, Object> of(Limits l) {
        Map<String, Object> m = new TreeMap<>();
        m.put("discover_log_levels", l.discoverLogLevels());
        m.put("discover_service_name", l.discoverServiceName());
        m.put("log_level_fields", l.logLevelFields());
        m.put("max_entries_limit_per_query", (long) l.maxEntriesLimitPerQuery());
        m.put("max_line_size_truncate", l.maxLineSizeTruncate());
        m.put("max_query_bytes_read", 0L);
        m.put("max_query_length", PrometheusDuration.formatPrometheus(l.maxQueryLength()));
        m.put("max_query_lookback", PrometheusDuration.formatPrometheus(l.maxQueryLookback()));
        m.put("max_query_range", PrometheusDuration.formatPrometheus(l.maxQueryRange()));
        m.put("max_query_series", (long) l.maxQuerySeries());
        m.put("metric_aggregation_enabled", false);
        m.put("pattern_persistence_enabled", false);
        m.put("query_timeout", PrometheusDuration.formatPrometheus(l.queryTimeout()));
        m.put("retention_period", PrometheusDuration.formatPrometheus(l.retentionPeriod()));
        m.put("retention_stream", l.retentionStream().isEmpty() ? null : l.retentionStream().stream()
                .map(r -> {
                    Map<String, Object> rule = new TreeMap<>();
                    rule.put("period", PrometheusDuration.formatPrometheus(r.period()));
                    rule.put("priority", (long) r.priority());
                    rule.put("selector", r.selector());
                    return rule;
                }).toList());
        m.put("volume_enabled", true);
        m.put("volume_max_series", 1000L);
        return m;
    }

    /** The map as go-yaml writes it: {@code key: value}, sequences indented by four spaces. */
    static String yaml(Map<String, Object> limits) {
        StringBuilder b = new StringBuilder(512);
        for (Map.Entry<String, Object> e : limits.entrySet()) {
            b.append(e.getKey()).append(':');
            if (e.getValue() instanceof List<?> list) {
                if (list.isEmpty()) {
                    b.append(" []\n");
                    continue;
                }
                b.append('\n');
                for (Object o : list) {
                    if (o instanceof Map<?, ?> fields) {
                        String lead = "    - ";
                        for (Map.Entry<?, ?> f : fields.entrySet()) {
                            b.append(lead).append(f.getKey()).append(": ").append(scalar(f.getValue())).append('\n');
                            lead = "      ";
                        }
                    } else {
                        b.append("    - ").append(scalar(o)).append('\n');
                    }
                }
            } else {
                b.append(' ').append(scalar(e.getValue())).append('\n');
            }
        }
        return b.toString();
    }

    private static String scalar(Object o) {
        if (o == null) {
            return "null";
        }
        if (!(o instanceof String s)) {
            return String.valueOf(o);
        }
        boolean plain = !s.isEmpty() && s.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '.' || c == '_'
                || c == '-') && !s.matches("[0-9.+-].*|true|false|null|yes|no|on|off|~");
        return plain || s.matches("[0-9]+[a-z][0-9a-z]*") ? s : "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
