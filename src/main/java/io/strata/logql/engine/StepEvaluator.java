package io.strata.logql.engine;

import java.util.List;

/**
 * Runtime operator of a metric expression: gives the instant vector at each evaluation step.
 * {@link #evaluate} is called once per step with strictly increasing step times (nanoseconds);
 * the returned list belongs to the caller. Evaluators are single-use and single-threaded.
 */
interface StepEvaluator {
    List<StepSample> evaluate(long stepNanos);
}
