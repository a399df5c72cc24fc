package io.strata.tenant.overrides;

import io.strata.tenant.auth.BasicUser;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One valid {@code tenants/<tenant>.yaml}.
 *
 * @param limits limit overrides, Loki name → raw text as written in the file ({@code 8},
 *     {@code 256KB}, {@code 744h}, {@code true}); a list or map value (e.g. {@code retention_stream},
 *     {@code ruler_alertmanager_config}) is given as JSON whose leaves are all strings
 * @param limitValues the same overrides as a tree: leaves are raw strings, lists are
 *     {@code List}, maps are {@code Map}
 * @param users the file's basic-auth users
 * @param contentHash SHA-256 (hex) of the file bytes this was parsed from
 */
public record TenantFile(String tenant, Map<String, String> limits, Map<String, Object> limitValues,
        List<BasicUser> users, String contentHash) {
    public TenantFile {
        limits = Collections.unmodifiableMap(new TreeMap<>(limits));
        limitValues = Collections.unmodifiableMap(new TreeMap<>(limitValues));
        users = List.copyOf(users);
    }
}
