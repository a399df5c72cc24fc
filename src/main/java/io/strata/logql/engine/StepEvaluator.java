package io.strata.logql.engine;

import java.util.List;

/**
 * Runtime operator of a metric expression: gives the instant vector at each evaluation step.
 * {@link #evaluate} is called once per step with strictly increasing step times (nanoseconds);
 * the returned list belongs to the caller. Evaluators are single-use and single-threaded, and
 * are closed by whoever built them.
 */
interface StepEvaluator extends AutoCloseable {
    List<StepSample> evaluate(long stepNanos);

    /** Releases what the operator (and its inputs) hold open. */
    @Override
    default void close() {}
}
