package io.strata.logql.syntax;

/** Binary operators, with Loki's precedence (1 = loosest). */
public enum BinaryOp {
    OR("or", 1),
    AND("and", 2),
    UNLESS("unless", 2),
    EQ("==", 3),
    NEQ("!=", 3),
    GT(">", 3),
    GTE(">=", 3),
    LT("<", 3),
    LTE("<=", 3),
    ADD("+", 4),
    SUB("-", 4),
    MUL("*", 5),
    DIV("/", 5),
    MOD("%", 5),
    POW("^", 6);

    private final String symbol;
    private final int precedence;

    BinaryOp(String symbol, int precedence) {
        this.symbol = symbol;
        this.precedence = precedence;
    }

    public String symbol() {
        return symbol;
    }

    public int precedence() {
        return precedence;
    }

    /** {@code and or unless}. */
    public boolean isSetOperator() {
        return precedence <= 2;
    }

    public boolean isComparison() {
        return precedence == 3;
    }

    /** Only {@code ^} is right-associative. */
    public boolean rightAssociative() {
        return this == POW;
    }
}
