package io.strata.logql.engine;

/** The vector aggregation operators of LogQL. */
public enum VectorOp {
    SUM, AVG, MIN, MAX, COUNT, STDDEV, STDVAR, TOPK, BOTTOMK, SORT, SORT_DESC, APPROX_TOPK
}
