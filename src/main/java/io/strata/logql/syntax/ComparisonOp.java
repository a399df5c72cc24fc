package io.strata.logql.syntax;

/** Comparison of numeric/duration/bytes label filters; {@code =} and {@code ==} are both {@link #EQ}. */
public enum ComparisonOp {
    EQ("=="),
    NEQ("!="),
    GT(">"),
    GTE(">="),
    LT("<"),
    LTE("<=");

    private final String symbol;

    ComparisonOp(String symbol) {
        this.symbol = symbol;
    }

    /** Loki's canonical spelling (as printed by format_query). */
    public String symbol() {
        return symbol;
    }
}
