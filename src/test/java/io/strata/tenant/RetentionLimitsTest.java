package io.strata.tenant;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.strata.tenant.overrides.TenantFile;
import io.strata.tenant.overrides.TenantFileParser;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Loki's retention_period, retention_stream and deletion_mode in tenants/<t>.yaml. */
class RetentionLimitsTest {
    private static Limits apply(String yaml, List<String> errors) throws Exception {
        TenantFile f = TenantFileParser.parse("t", yaml, "h");
        return LimitOverrides.apply(Limits.defaults(), f.limitValues(), (n, r) -> errors.add(n + ": " + r));
    }

    @Test
    void lokiDefaultsKeepForeverAndFilterAndDelete() {
        assertEquals(Duration.ZERO, Limits.defaults().retentionPeriod());
        assertEquals(List.of(), Limits.defaults().retentionStream());
        assertEquals("filter-and-delete", Limits.defaults().deletionMode());
    }

    @Test
    void tenantFilesSetRetentionAndDeletionMode() throws Exception {
        List<String> errors = new ArrayList<>();
        Limits l = apply("""
                limits:
                  retention_period: 744h
                  deletion_mode: filter-only
                  retention_stream:
                    - selector: '{namespace="dev"}'
                      priority: 1
                      period: 24h
                    - selector: '{container="nginx"}'
                      period: 31d
                """, errors);
        assertEquals(List.of(), errors);
        assertEquals(Duration.ofHours(744), l.retentionPeriod());
        assertEquals("filter-only", l.deletionMode());
        assertEquals(List.of(new RetentionStream("{namespace=\"dev\"}", 1, Duration.ofHours(24)),
                new RetentionStream("{container=\"nginx\"}", 0, Duration.ofDays(31))), l.retentionStream());
    }

    @Test
    void invalidValuesAreReportedAndTheDefaultsKept() throws Exception {
        List<String> errors = new ArrayList<>();
        Limits l = apply("""
                limits:
                  deletion_mode: sometimes
                  retention_stream:
                    - selector: '{namespace="dev"}'
                      priority: 1
                      period: 12h
                """, errors);
        assertEquals(List.of("deletion_mode: unknown deletion mode: must be one of disabled|filter-only|filter-and-delete",
                "retention_stream: retention period must be >= 24h was 12h"), errors);
        assertEquals("filter-and-delete", l.deletionMode());
        assertEquals(List.of(), l.retentionStream());
    }
}
