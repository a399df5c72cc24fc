package io.strata.ruler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RulerTenantOverridesTest {
    @Test
    void noOverridesAreTheDefaults() {
        assertSame(RulerTenantOptions.DEFAULTS, RulerTenantOverrides.from("t", null));
        assertSame(RulerTenantOptions.DEFAULTS, RulerTenantOverrides.from("t", Map.of()));
    }

    @Test
    void lokiKeysMapOntoTheOptions() {
        RulerTenantOptions o = RulerTenantOverrides.from("t", Map.of(
                "ruler_max_rules_per_rule_group", "20",
                "ruler_max_rule_groups_per_tenant", "5",
                "ruler_alertmanager_config", Map.of("alertmanager_url", "http://am-1:9093, http://am-2:9093/prefix"),
                "ruler_remote_write_config", Map.of("prom", Map.of("url", "http://prom:9090/api/v1/write"))));
        assertEquals(20, o.maxRulesPerRuleGroup());
        assertEquals(5, o.maxRuleGroupsPerTenant());
        assertEquals(List.of(URI.create("http://am-1:9093"), URI.create("http://am-2:9093/prefix")), o.alertmanagerUrls());
        assertEquals(URI.create("http://prom:9090/api/v1/write"), o.remoteWriteUrl());
    }

    @Test
    void olderRemoteWriteUrlAndBadValuesKeepDefaults() {
        RulerTenantOptions o = RulerTenantOverrides.from("t", Map.of(
                "ruler_max_rules_per_rule_group", "many",
                "ruler_alertmanager_config", Map.of("alertmanager_url", "not a url"),
                "ruler_remote_write_url", "http://prom:9090/api/v1/write"));
        assertEquals(0, o.maxRulesPerRuleGroup());
        assertEquals(List.of(), o.alertmanagerUrls());
        assertEquals(URI.create("http://prom:9090/api/v1/write"), o.remoteWriteUrl());
        assertNull(RulerTenantOverrides.from("t", Map.of("ruler_remote_write_url", "::")).remoteWriteUrl());
    }
}
