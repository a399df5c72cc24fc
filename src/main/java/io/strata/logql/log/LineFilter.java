package io.strata.logql.log;

/**
 * A predicate on a log line. Implementations work on the UTF-8 bytes of {@link Line} and decode
 * the line only when they must (regexes that could not be simplified). Immutable after
 * construction unless documented otherwise; {@link LineFilterStage} turns one into a stage.
 */
public interface LineFilter {
    boolean matches(Line line);

    /**
     * Substrings every matching line must contain (case-sensitive bytes), usable as
     * {@code io.strata.storage.ScanHints}; empty when the filter promises nothing.
     */
    default java.util.List<String> requiredSubstrings() {
        return java.util.List.of();
    }

    /** Keeps every line. */
    LineFilter TRUE = line -> true;
    /** Drops every line. */
    LineFilter FALSE = line -> false;

    default LineFilter negate() {
        LineFilter self = this;
        return line -> !self.matches(line);
    }
}
