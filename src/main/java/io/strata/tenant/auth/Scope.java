package io.strata.tenant.auth;

import java.util.Optional;

/** What an identity may do, with Grafana's access-policy scope names. */
public enum Scope {
    LOGS_READ("logs:read"),
    LOGS_WRITE("logs:write"),
    LOGS_DELETE("logs:delete"),
    RULES_READ("rules:read"),
    RULES_WRITE("rules:write");

    private final String text;

    Scope(String text) {
        this.text = text;
    }

    /** Grafana's name, e.g. {@code logs:read}. */
    public String text() {
        return text;
    }

    /** The scope with this Grafana name; empty for names we do not know (e.g. {@code metrics:read}). */
    public static Optional<Scope> fromText(String text) {
        for (Scope s : values()) {
            if (s.text.equals(text)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return text;
    }
}
