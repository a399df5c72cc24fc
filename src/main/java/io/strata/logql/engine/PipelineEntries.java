package io.strata.logql.engine;

import io.strata.logql.log.CategorizedLabels;
import io.strata.logql.log.Pipeline;
import io.strata.logql.log.StreamPipeline;
import io.strata.model.Labels;

/** {@link EntryPipeline} over a {@code io.strata.logql.log.Pipeline}. */
final class PipelineEntries implements EntryPipeline {
    private final Pipeline pipeline;

    PipelineEntries(Pipeline pipeline) {
        this.pipeline = pipeline;
    }

    @Override
    public ForStream forStream(Labels streamLabels) {
        StreamPipeline p = pipeline.forStream(streamLabels);
        return new ForStream() {
            private CategorizedLabels categorized;

            @Override
            public boolean process(long ts, byte[] buffer, int offset, int length, Labels metadata) {
                categorized = null;
                return p.process(ts, buffer, offset, length, metadata);
            }

            @Override
            public String line() {
                return p.line().asString();
            }

            @Override
            public Labels labels() {
                return p.labels();
            }

            @Override
            public Labels structuredMetadata() {
                return categorized().structuredMetadata();
            }

            @Override
            public Labels parsed() {
                return categorized().parsed();
            }

            private CategorizedLabels categorized() {
                if (categorized == null) {
                    categorized = p.categorizedLabels();
                }
                return categorized;
            }
        };
    }
}
