package io.strata.ruler;

/** A rule file or request body that is not a well-formed rule group (bad YAML, wrong types, unknown keys). */
public final class RuleFormatException extends IllegalArgumentException {
    public RuleFormatException(String message) {
        super(message);
    }
}
