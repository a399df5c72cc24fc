package io.strata.ruler;

/**
 * Outcome of a rule's last evaluation: {@code health} is {@code ok}, {@code err} or {@code unknown}
 * (never evaluated); times in epoch milliseconds (0 = never), duration in seconds.
 */
public record RuleHealth(String health, String lastError, long lastEvaluation, double evaluationSeconds) {
    public static final RuleHealth UNKNOWN = new RuleHealth("unknown", "", 0, 0);

    static RuleHealth ok(long at, double seconds) {
        return new RuleHealth("ok", "", at, seconds);
    }

    static RuleHealth error(String message, long at, double seconds) {
        return new RuleHealth("err", message, at, seconds);
    }
}
