package io.strata.tenant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.strata.tenant.overrides.TenantsDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TenantLimitsTest {
    @TempDir
    Path dir;

    @Test
    void overridesUseLokisValueForms() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("ingestion_rate_mb", "8");
        values.put("ingestion_burst_size_mb", "12.5");
        values.put("max_line_size", "256KB");
        values.put("max_line_size_truncate", "yes");
        values.put("reject_old_samples_max_age", "1w");
        values.put("max_query_length", "744h");
        values.put("max_global_streams_per_user", "10");
        values.put("per_stream_rate_limit", "1MB");
        values.put("discover_service_name", List.of());
        values.put("log_level_fields", List.of("lvl", "severity"));
        values.put("retention_period", "744h"); // a Loki limit Strata does not enforce: accepted, ignored
        List<String> errors = new ArrayList<>();
        Limits l = LimitOverrides.apply(Limits.defaults(), values, (n, r) -> errors.add(n));
        assertEquals(List.of(), errors);
        assertEquals(8L << 20, l.ingestionRateBytes());
        assertEquals((long) (12.5 * (1 << 20)), l.ingestionBurstBytes());
        assertEquals(256 * 1024, l.maxLineSize());
        assertEquals(true, l.maxLineSizeTruncate());
        assertEquals(Duration.ofDays(7), l.rejectOldSamplesMaxAge());
        assertEquals(Duration.ofHours(744), l.maxQueryLength());
        assertEquals(10, l.maxActiveStreams());
        assertEquals(1L << 20, l.perStreamRateLimit());
        assertEquals(List.of(), l.discoverServiceName());
        assertEquals(List.of("lvl", "severity"), l.logLevelFields());
        assertEquals(Limits.defaults().maxQuerySeries(), l.maxQuerySeries());
    }

    @Test
    void aBadValueKeepsTheDefaultAndIsReported() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("ingestion_rate_mb", "fast");
        values.put("max_line_size", "12 parsecs");
        values.put("query_timeout", "1 minute");
        values.put("max_query_series", "1.5");
        values.put("reject_old_samples", "perhaps");
        values.put("ingestion_burst_size_mb", "-1");
        values.put("max_label_name_length", List.of("1"));
        values.put("max_entries_limit_per_query", "7");
        List<String> errors = new ArrayList<>();
        Limits d = Limits.defaults();
        Limits l = LimitOverrides.apply(d, values, (n, r) -> errors.add(n));
        assertEquals(List.of("ingestion_rate_mb", "max_line_size", "query_timeout", "max_query_series",
                "reject_old_samples", "ingestion_burst_size_mb", "max_label_name_length"), errors);
        assertEquals(d.ingestionRateBytes(), l.ingestionRateBytes());
        assertEquals(d.maxLineSize(), l.maxLineSize());
        assertEquals(d.queryTimeout(), l.queryTimeout());
        assertEquals(d.maxQuerySeries(), l.maxQuerySeries());
        assertEquals(d.rejectOldSamples(), l.rejectOldSamples());
        assertEquals(d.maxLabelNameLength(), l.maxLabelNameLength());
        assertEquals(7, l.maxEntriesLimitPerQuery());
    }

    @Test
    void followsTheTenantsDirectoryAndKeepsThePreviousVersionOfAnInvalidFile() throws Exception {
        TenantLimits limits = new TenantLimits(Limits.defaults());
        TenantsDirectory tenants = new TenantsDirectory(dir);
        tenants.addListener(limits::update);
        Files.writeString(dir.resolve("team-a.yaml"), "limits:\n  max_line_size: 1KB\n  max_query_series: 7\n");
        tenants.reload();
        assertEquals(1024, limits.forTenant("team-a").maxLineSize());
        assertEquals(7, limits.forTenant("team-a").maxQuerySeries());
        assertSame(limits.defaults(), limits.forTenant("team-b"));

        Files.writeString(dir.resolve("team-a.yaml"), "limits:\n  max_line_size: [oops\n");
        tenants.reload();
        assertEquals(1024, limits.forTenant("team-a").maxLineSize());

        Files.writeString(dir.resolve("team-a.yaml"), "limits:\n  max_line_size: 2KB\n");
        tenants.reload();
        assertEquals(2048, limits.forTenant("team-a").maxLineSize());
        assertEquals(Limits.defaults().maxQuerySeries(), limits.forTenant("team-a").maxQuerySeries());

        Files.delete(dir.resolve("team-a.yaml"));
        tenants.reload();
        assertSame(limits.defaults(), limits.forTenant("team-a"));
    }
}
