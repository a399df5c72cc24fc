package io.strata.ruler;

import io.strata.model.ErrorCategory;
import io.strata.model.StrataException;

/**
 * Checks namespace and group names from request paths before they touch the rule store. Loki
 * rejects names that are not local paths ({@code filepath.IsLocal}) with
 * {@code invalid namespace: path traversal not allowed}; Strata also rejects {@code /}, NUL and
 * names longer than 255 bytes, since a namespace becomes a file name.
 */
public final class RuleNames {
    private RuleNames() {}

    public static String checkNamespace(String namespace) {
        if (!isSafe(namespace)) {
            throw new StrataException(ErrorCategory.BAD_REQUEST, "invalid namespace: path traversal not allowed");
        }
        return namespace;
    }

    public static String checkGroup(String group) {
        if (!isSafe(group)) {
            throw new StrataException(ErrorCategory.BAD_REQUEST, "invalid groupname: path traversal not allowed");
        }
        return group;
    }

    /** Rejects tenant ids that cannot be a directory name (the tenant layer validates them first). */
    public static String checkTenant(String tenant) {
        if (!isSafeTenant(tenant)) {
            throw new StrataException(ErrorCategory.BAD_REQUEST, "invalid tenant ID");
        }
        return tenant;
    }

    /** Whether a tenant id is usable as a directory name (Loki's rules: no {@code .}/{@code ..}, no {@code /}). */
    public static boolean isSafeTenant(String tenant) {
        return isSafe(tenant) && tenant.length() <= 150;
    }

    static boolean isSafe(String name) {
        if (name == null || name.isEmpty() || name.equals(".") || name.equals("..")
                || name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 255) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '/' || c == '\\' || c == 0) {
                return false;
            }
        }
        return true;
    }
}
