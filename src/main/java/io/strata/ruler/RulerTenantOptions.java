package io.strata.ruler;

import java.net.URI;
import java.util.List;

/**
 * Per-tenant ruler limits and targets, named after Loki's {@code limits_config}:
 * {@code ruler_max_rules_per_rule_group}, {@code ruler_max_rule_groups_per_tenant} (0 = no limit),
 * {@code ruler_alertmanager_config.alertmanager_url} (empty = the ruler-wide URLs) and
 * {@code ruler_remote_write_url} (null = the ruler-wide URL).
 */
public record RulerTenantOptions(
        int maxRulesPerRuleGroup, int maxRuleGroupsPerTenant, List<URI> alertmanagerUrls, URI remoteWriteUrl) {
    public static final RulerTenantOptions DEFAULTS = new RulerTenantOptions(0, 0, List.of(), null);

    public RulerTenantOptions {
        alertmanagerUrls = List.copyOf(alertmanagerUrls == null ? List.of() : alertmanagerUrls);
    }
}
