package io.strata.ruler;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Turns a tenant's {@code limits_config} overrides (the tree of {@code tenants/<tenant>.yaml}: string
 * leaves, {@code Map}s, {@code List}s) into {@link RulerTenantOptions}. Keys, as in Loki:
 * {@code ruler_max_rules_per_rule_group}, {@code ruler_max_rule_groups_per_tenant},
 * {@code ruler_alertmanager_config: {alertmanager_url: "http://a,http://b"}},
 * {@code ruler_remote_write_config: {<id>: {url: ...}}} (the first url wins) or the older
 * {@code ruler_remote_write_url}, and {@code ruler_remote_write_disabled}. A value that does not parse
 * is logged and ignored (the default stays), never a failure of the ruler.
 */
public final class RulerTenantOverrides {
    private static final Logger LOG = Logger.getLogger(RulerTenantOverrides.class.getName());

    private RulerTenantOverrides() {}

    /** The options of one tenant; {@code values} may be null or empty (= defaults). */
    public static RulerTenantOptions from(String tenant, Map<String, Object> values) {
        if (values == null || values.isEmpty()) {
            return RulerTenantOptions.DEFAULTS;
        }
        int maxRules = integer(tenant, values, "ruler_max_rules_per_rule_group");
        int maxGroups = integer(tenant, values, "ruler_max_rule_groups_per_tenant");
        List<URI> alertmanagers = List.of();
        if (values.get("ruler_alertmanager_config") instanceof Map<?, ?> am
                && am.get("alertmanager_url") instanceof String urls) {
            alertmanagers = urls(tenant, "ruler_alertmanager_config.alertmanager_url", urls);
        }
        URI remoteWrite = null;
        if (values.get("ruler_remote_write_config") instanceof Map<?, ?> clients) {
            for (Object client : clients.values()) {
                if (client instanceof Map<?, ?> c && c.get("url") instanceof String url && !url.isBlank()) {
                    remoteWrite = uri(tenant, "ruler_remote_write_config.url", url);
                    break;
                }
            }
        }
        if (remoteWrite == null && values.get("ruler_remote_write_url") instanceof String url && !url.isBlank()) {
            remoteWrite = uri(tenant, "ruler_remote_write_url", url);
        }
        if ("true".equals(values.get("ruler_remote_write_disabled"))) {
            LOG.warning("tenants/" + tenant + ".yaml: ruler_remote_write_disabled is not supported; ignored");
        }
        return new RulerTenantOptions(maxRules, maxGroups, alertmanagers, remoteWrite);
    }

    private static int integer(String tenant, Map<String, Object> values, String key) {
        Object v = values.get(key);
        if (v == null) {
            return 0;
        }
        try {
            return Math.max(0, Integer.parseInt(v.toString().strip()));
        } catch (NumberFormatException e) {
            LOG.warning("tenants/" + tenant + ".yaml: " + key + " is not an integer: '" + v + "'; ignored");
            return 0;
        }
    }

    private static List<URI> urls(String tenant, String key, String commaSeparated) {
        List<URI> out = new ArrayList<>();
        for (String s : commaSeparated.split(",")) {
            if (!s.isBlank()) {
                URI u = uri(tenant, key, s.strip());
                if (u != null) {
                    out.add(u);
                }
            }
        }
        return out;
    }

    private static URI uri(String tenant, String key, String text) {
        try {
            URI u = new URI(text.strip());
            if (u.getScheme() == null || u.getHost() == null) {
                throw new IllegalArgumentException("not an absolute URL");
            }
            return u;
        } catch (Exception e) {
            LOG.warning("tenants/" + tenant + ".yaml: " + key + " is not a URL: '" + text + "'; ignored");
            return null;
        }
    }
}
