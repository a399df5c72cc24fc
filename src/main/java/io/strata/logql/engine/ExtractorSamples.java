package io.strata.logql.engine;

import io.strata.logql.log.SampleExtractor;
import io.strata.logql.log.StreamSampleExtractor;
import io.strata.model.Labels;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@link SampleSource} over a {@code io.strata.logql.log.SampleExtractor}, adding Loki's
 * preserved-error rule (LOGQL.md §3.9): when the planner found the extraction grouped and
 * {@code __error__} named, samples with a <em>parser</em> error are grouped like any other sample
 * and, if the group still shows {@code __error__}, marked {@code __preserve_error__="true"} so the
 * range evaluator does not fail the query.
 */
final class ExtractorSamples implements SampleSource {
    private static final Set<String> PRESERVABLE = Set.of("JSONParserErr", "LogfmtParserErr");

    private final SampleExtractor extractor;
    private final Grouping preserveGrouping; // null: errors are not preserved

    ExtractorSamples(SampleExtractor extractor, Grouping preserveGrouping) {
        this.extractor = extractor;
        this.preserveGrouping = preserveGrouping;
    }

    @Override
    public ForStream forStream(Labels streamLabels) {
        StreamSampleExtractor s = extractor.forStream(streamLabels);
        if (preserveGrouping == null) {
            return new ForStream() {
                @Override
                public boolean process(long ts, byte[] buffer, int offset, int length, Labels metadata) {
                    return s.process(ts, buffer, offset, length, metadata);
                }

                @Override
                public double value() {
                    return s.value();
                }

                @Override
                public Labels labels() {
                    return s.labels();
                }
            };
        }
        Map<Labels, Labels> preserved = new HashMap<>();
        return new ForStream() {
            @Override
            public boolean process(long ts, byte[] buffer, int offset, int length, Labels metadata) {
                return s.process(ts, buffer, offset, length, metadata);
            }

            @Override
            public double value() {
                return s.value();
            }

            @Override
            public Labels labels() {
                Labels l = s.labels();
                String error = l.get(ERROR_LABEL);
                if (error == null || !PRESERVABLE.contains(error)) {
                    return l;
                }
                return preserved.computeIfAbsent(l, full -> {
                    Labels g = preserveGrouping.apply(full);
                    return g.has(ERROR_LABEL) ? g.toBuilder().set(PRESERVE_ERROR_LABEL, "true").build() : g;
                });
            }
        };
    }
}
