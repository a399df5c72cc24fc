package io.strata.logql.log;

/** Comparison of a numeric, duration or bytes label filter. {@code =} and {@code ==} are EQ. */
public enum CompareOp {
    EQ("=="), NE("!="), GT(">"), GE(">="), LT("<"), LE("<=");

    private final String symbol;

    CompareOp(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }

    boolean test(double a, double b) {
        return switch (this) {
            case EQ -> a == b;
            case NE -> a != b;
            case GT -> a > b;
            case GE -> a >= b;
            case LT -> a < b;
            case LE -> a <= b;
        };
    }
}
