package io.strata.logql.engine;

/** Binary operators of LogQL: arithmetic, comparison and set operators. */
public enum BinaryOp {
    ADD("+"), SUB("-"), MUL("*"), DIV("/"), MOD("%"), POW("^"),
    EQ("=="), NEQ("!="), GT(">"), GTE(">="), LT("<"), LTE("<="),
    AND("and"), OR("or"), UNLESS("unless");

    private final String symbol;

    BinaryOp(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }

    public boolean isComparison() {
        return this == EQ || this == NEQ || this == GT || this == GTE || this == LT || this == LTE;
    }

    public boolean isSet() {
        return this == AND || this == OR || this == UNLESS;
    }

    /**
     * Arithmetic result, or for comparisons 1/0 (true/false). Division and modulo by zero give
     * NaN, as Loki's binary evaluation does; {@code ^} is IEEE pow.
     */
    public double apply(double l, double r) {
        return switch (this) {
            case ADD -> l + r;
            case SUB -> l - r;
            case MUL -> l * r;
            case DIV -> r == 0 ? Double.NaN : l / r;
            case MOD -> r == 0 ? Double.NaN : l % r;
            case POW -> Math.pow(l, r);
            case EQ -> l == r ? 1 : 0;
            case NEQ -> l != r ? 1 : 0;
            case GT -> l > r ? 1 : 0;
            case GTE -> l >= r ? 1 : 0;
            case LT -> l < r ? 1 : 0;
            case LTE -> l <= r ? 1 : 0;
            case AND, OR, UNLESS -> throw new IllegalStateException("set operator " + symbol + " has no value");
        };
    }
}
