package io.strata.logql.engine;

import io.strata.model.Labels;
import java.util.List;

/** A literal or {@code vector(n)}: the same one sample with empty labels at every step. */
final class ConstantEvaluator implements StepEvaluator {
    private final List<StepSample> sample;

    ConstantEvaluator(double value) {
        this.sample = List.of(new StepSample(Labels.EMPTY, value));
    }

    @Override
    public List<StepSample> evaluate(long step) {
        return sample;
    }
}
