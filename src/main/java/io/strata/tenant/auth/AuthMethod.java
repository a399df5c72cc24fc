package io.strata.tenant.auth;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The authentication modes of {@code STRATA_AUTH_MODE}. */
public enum AuthMethod {
    /** No authentication; everything is tenant {@code fake} (Loki's {@code auth_enabled: false}). */
    NONE,
    /** Trust {@code X-Scope-OrgID} as Loki does (a trusted proxy in front authenticates). */
    HEADER,
    /** {@code Authorization: Bearer <JWT>}, verified with SmallRye JWT. */
    JWT,
    /** {@code Authorization: Basic}, users and bcrypt hashes from {@code tenants/}. */
    BASIC;

    /**
     * Parses a comma list such as {@code jwt,basic} (case-insensitive, blanks ignored).
     *
     * @throws IllegalArgumentException for unknown names, an empty list, or {@code none} combined
     *     with another mode (that would silently fall back to no authentication)
     */
    public static Set<AuthMethod> parseList(String text) {
        Set<AuthMethod> out = new LinkedHashSet<>();
        List<String> unknown = new ArrayList<>();
        for (String part : (text == null ? "" : text).split(",")) {
            String p = part.trim().toLowerCase(Locale.ROOT);
            if (p.isEmpty()) {
                continue;
            }
            switch (p) {
                case "none" -> out.add(NONE);
                case "header" -> out.add(HEADER);
                case "jwt" -> out.add(JWT);
                case "basic" -> out.add(BASIC);
                default -> unknown.add(p);
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown auth mode(s) " + unknown + "; use none, header, jwt, basic");
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no auth mode given; use none, header, jwt, basic or a comma list");
        }
        if (out.contains(NONE) && out.size() > 1) {
            throw new IllegalArgumentException("auth mode 'none' cannot be combined with other modes");
        }
        return Set.copyOf(out);
    }
}
