package io.strata.tenant.auth;

import io.strata.model.StrataException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.TreeSet;

/**
 * Tenant id rules of current Loki (dskit {@code tenant}): characters {@code a-z A-Z 0-9 ! - _ . * ' ( )},
 * at most {@value #MAX_LENGTH} bytes, never {@code .} or {@code ..}; anything after a {@code :} is
 * tenant metadata and is dropped; {@code |} separates the tenants of a multi-tenant request, which
 * are sorted and de-duplicated. Ids are validated here before they can reach a path.
 */
public final class TenantIds {
    public static final int MAX_LENGTH = 150;
    private static final boolean[] VALID = new boolean[128];

    static {
        for (char c = 'a'; c <= 'z'; c++) {
            VALID[c] = true;
        }
        for (char c = 'A'; c <= 'Z'; c++) {
            VALID[c] = true;
        }
        for (char c = '0'; c <= '9'; c++) {
            VALID[c] = true;
        }
        for (char c : "!-_.*'()".toCharArray()) {
            VALID[c] = true;
        }
    }

    private TenantIds() {}

    /**
     * Splits an {@code X-Scope-OrgID} value into its tenants (sorted, unique), validating each.
     *
     * @throws StrataException 401 {@code no org id} when empty, 400 with Loki's text for an invalid id
     */
    public static List<String> parseOrgId(String orgId) {
        if (orgId == null || orgId.isEmpty()) {
            throw new StrataException(io.strata.model.ErrorCategory.UNAUTHENTICATED, "no org id");
        }
        TreeSet<String> ids = new TreeSet<>();
        for (String part : orgId.split("\\|", -1)) {
            ids.add(validate(stripMetadata(part)));
        }
        return List.copyOf(ids);
    }

    /** The id without its {@code :metadata} suffix. */
    public static String stripMetadata(String id) {
        int colon = id.indexOf(':');
        return colon < 0 ? id : id.substring(0, colon);
    }

    /**
     * Returns the id when it is valid.
     *
     * @throws StrataException BAD_REQUEST with dskit's message text
     */
    public static String validate(String id) {
        if (id.isEmpty()) {
            throw StrataException.badRequest("tenant ID is empty");
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c >= 128 || !VALID[c]) {
                throw StrataException.badRequest(
                        "tenant ID '" + printable(id) + "' contains unsupported character '" + printable(String.valueOf(c)) + "'");
            }
        }
        if (id.getBytes(StandardCharsets.UTF_8).length > MAX_LENGTH) {
            throw StrataException.badRequest("tenant ID is too long: max " + MAX_LENGTH + " characters");
        }
        if (id.equals(".") || id.equals("..")) {
            throw StrataException.badRequest("tenant ID is '.' or '..'");
        }
        return id;
    }

    /** Whether {@link #validate} accepts the id. */
    public static boolean isValid(String id) {
        try {
            validate(id);
            return true;
        } catch (StrataException e) {
            return false;
        }
    }

    /** Control characters replaced so an error text cannot split a log line or a header. */
    private static String printable(String s) {
        String cut = s.length() > 200 ? s.substring(0, 200) + "..." : s;
        StringBuilder sb = new StringBuilder(cut.length());
        for (int i = 0; i < cut.length(); i++) {
            char c = cut.charAt(i);
            sb.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        return sb.toString();
    }
}
