package io.strata.logql.syntax;

/** Vector aggregation operators. */
public enum VectorOp {
    SUM("sum"),
    AVG("avg"),
    MIN("min"),
    MAX("max"),
    COUNT("count"),
    STDDEV("stddev"),
    STDVAR("stdvar"),
    TOPK("topk"),
    BOTTOMK("bottomk"),
    SORT("sort"),
    SORT_DESC("sort_desc"),
    APPROX_TOPK("approx_topk");

    private final String function;

    VectorOp(String function) {
        this.function = function;
    }

    public String function() {
        return function;
    }

    /** topk, bottomk and approx_topk take a parameter {@code k}. */
    public boolean takesParameter() {
        return this == TOPK || this == BOTTOMK || this == APPROX_TOPK;
    }
}
