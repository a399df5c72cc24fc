package io.strata.tenant;

import io.strata.config.AuthMode;
import io.strata.model.ErrorCategory;
import io.strata.model.StrataException;
import java.nio.charset.StandardCharsets;

/**
 * Resolves the tenant of a request the way current Loki (dskit {@code tenant}) does: from
 * {@code X-Scope-OrgID} in mode {@code header}, the fixed tenant {@code fake} in mode {@code none}.
 * Anything after a {@code :} is tenant metadata and is stripped. Ids are validated before they
 * can reach a path: characters {@code a-z A-Z 0-9 ! - _ . * ' ( )}, at most 150 bytes, never
 * {@code .} or {@code ..}.
 */
public final class TenantResolver {
    public static final String NO_AUTH_TENANT = "fake";
    public static final int MAX_TENANT_ID_LENGTH = 150;
    private static final boolean[] VALID = new boolean[256];

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

    private final AuthMode mode;

    public TenantResolver(AuthMode mode) {
        this.mode = mode;
    }

    public AuthMode mode() {
        return mode;
    }

    /**
     * The single tenant of a request (push, tail, and reads until multi-tenant queries exist).
     *
     * @param orgIdHeader value of {@code X-Scope-OrgID}, may be null
     * @throws StrataException 401 {@code no org id}, 400 {@code multiple org IDs present} or an invalid-id text
     */
    public String singleTenant(String orgIdHeader) {
        if (mode == AuthMode.none) {
            return NO_AUTH_TENANT;
        }
        if (orgIdHeader == null || orgIdHeader.isEmpty()) {
            throw new StrataException(ErrorCategory.UNAUTHENTICATED, "no org id");
        }
        String[] ids = orgIdHeader.split("\\|", -1);
        String first = null;
        for (String id : ids) {
            String t = stripMetadata(id);
            validate(t);
            if (first == null) {
                first = t;
            } else if (!first.equals(t)) {
                throw StrataException.badRequest("multiple org IDs present");
            }
        }
        return first;
    }

    /** Throws a 400 with dskit's message when the id is not a valid tenant id. */
    public static void validate(String id) {
        byte[] bytes = id.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xff;
            if (!VALID[b]) {
                // dskit prints the offending byte with %c, i.e. as the code point of that byte
                throw StrataException.badRequest(
                        "tenant ID '" + id + "' contains unsupported character '" + (char) b + "'");
            }
        }
        if (bytes.length > MAX_TENANT_ID_LENGTH) {
            throw StrataException.badRequest("tenant ID is too long: max " + MAX_TENANT_ID_LENGTH + " characters");
        }
        if (id.equals(".") || id.equals("..")) {
            throw StrataException.badRequest("tenant ID is '.' or '..'");
        }
    }

    private static String stripMetadata(String id) {
        int colon = id.indexOf(':');
        return colon >= 0 ? id.substring(0, colon) : id;
    }
}
