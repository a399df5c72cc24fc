package io.strata.storage;

import io.strata.model.StrataException;

/**
 * Validates tenant ids before they become path components, with Loki's (dskit's) rules and
 * messages: at most 150 bytes of {@code a-z A-Z 0-9 ! - _ . * ' ( )}, and not {@code .} or {@code ..}.
 */
final class TenantIds {
    static final int MAX_LENGTH = 150;

    private TenantIds() {}

    static void validate(String tenant) {
        if (tenant == null || tenant.isEmpty()) {
            throw StrataException.badRequest("no org id");
        }
        if (tenant.length() > MAX_LENGTH) {
            throw StrataException.badRequest("tenant ID is too long: max " + MAX_LENGTH + " characters");
        }
        if (tenant.equals(".") || tenant.equals("..")) {
            throw StrataException.badRequest("tenant ID is '.' or '..'");
        }
        for (int i = 0; i < tenant.length(); i++) {
            char c = tenant.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "!-_.*'()".indexOf(c) >= 0;
            if (!ok) {
                throw StrataException.badRequest(
                        "tenant ID '" + tenant + "' contains unsupported character '" + c + "'");
            }
        }
    }
}
