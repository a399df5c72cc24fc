package io.strata.tenant.auth;

import io.strata.model.ErrorCategory;
import io.strata.model.StrataException;
import java.util.List;
import java.util.Locale;

/**
 * The {@code Authorization} header of a request, split into scheme and credentials, or absent.
 * Rejects what no mode could accept: several Authorization headers, a header over
 * {@value #MAX_HEADER_LENGTH} characters, a missing credential part.
 */
public record Credentials(String scheme, String value) {
    /** Longest Authorization header accepted (a JWT of a few KiB fits easily). */
    public static final int MAX_HEADER_LENGTH = 16 * 1024;

    /** The scheme lower-cased ({@code bearer}, {@code basic}, ...). */
    public String schemeKey() {
        return scheme.toLowerCase(Locale.ROOT);
    }

    /**
     * The credentials of a request; null when there is no Authorization header.
     *
     * @throws StrataException 400 for a malformed header (what was wrong, never the value)
     */
    public static Credentials from(RequestHeaders headers) {
        List<String> values = headers.all(RequestHeaders.AUTHORIZATION);
        if (values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw malformed("several Authorization headers; send exactly one");
        }
        String h = values.get(0);
        if (h == null || h.isBlank()) {
            throw malformed("empty Authorization header; send 'Authorization: Bearer <JWT>' or basic auth");
        }
        if (h.length() > MAX_HEADER_LENGTH) {
            throw malformed("Authorization header longer than " + MAX_HEADER_LENGTH + " characters");
        }
        String t = h.strip();
        int sp = t.indexOf(' ');
        if (sp <= 0) {
            throw malformed("Authorization header without credentials; expected '<scheme> <credentials>'");
        }
        String scheme = t.substring(0, sp);
        String value = t.substring(sp + 1).strip();
        if (value.isEmpty()) {
            throw malformed("Authorization header without credentials; expected '<scheme> <credentials>'");
        }
        for (int i = 0; i < scheme.length(); i++) {
            char c = scheme.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '-' || c == '_') || c > 127) {
                throw malformed("Authorization scheme contains invalid characters");
            }
        }
        return new Credentials(scheme, value);
    }

    static StrataException malformed(String reason) {
        return new StrataException(ErrorCategory.BAD_REQUEST, "malformed Authorization header: " + reason);
    }

    @Override
    public String toString() {
        return "Credentials[" + scheme + " ***]";
    }
}
