package io.strata.logql.log;

/** A {@link LabelFilter} as a pipeline stage: drops the entry when the filter is false. */
public record LabelFilterStage(LabelFilter filter) implements Stage {
    @Override
    public boolean process(long timestampNanos, Line line, LabelsBuilder labels) {
        return filter.test(labels);
    }
}
