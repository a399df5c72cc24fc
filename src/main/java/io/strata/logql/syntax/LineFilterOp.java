package io.strata.logql.syntax;

/** Line filter operators with their LogQL spelling. */
public enum LineFilterOp {
    CONTAINS("|="),
    NOT_CONTAINS("!="),
    REGEX("|~"),
    NOT_REGEX("!~"),
    PATTERN("|>"),
    NOT_PATTERN("!>");

    private final String symbol;

    LineFilterOp(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }

    /** True for {@code != !~ !>}. */
    public boolean negative() {
        return this == NOT_CONTAINS || this == NOT_REGEX || this == NOT_PATTERN;
    }
}
