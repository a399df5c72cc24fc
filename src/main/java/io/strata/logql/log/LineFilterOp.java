package io.strata.logql.log;

/** The six line-filter operators. */
public enum LineFilterOp {
    CONTAINS("|="), NOT_CONTAINS("!="), REGEX("|~"), NOT_REGEX("!~"), PATTERN("|>"), NOT_PATTERN("!>");

    private final String symbol;

    LineFilterOp(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }

    public boolean negated() {
        return this == NOT_CONTAINS || this == NOT_REGEX || this == NOT_PATTERN;
    }
}
