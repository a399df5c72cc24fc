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
    private final SampleExtractor full; // null: extractor extracts every label
    private final Grouping preserveGrouping; // null: errors are not preserved

    ExtractorSamples(SampleExtractor extractor, Grouping preserveGrouping) {
        this(extractor, null, preserveGrouping);
    }

    /**
     * @param hinted extracts only the labels the query reads (parser hints)
     * @param full   the same extraction of every label: an errored sample keeps its full label set, so
     *               an entry whose hinted sample carries {@code __error__} is extracted again with it
     */
    ExtractorSamples(SampleExtractor hinted, SampleExtractor full, Grouping preserveGrouping) {
        this.extractor = hinted;
        this.full = full;
        this.preserveGrouping = preserveGrouping;
    }

    @Override
    public ForStream forStream(Labels streamLabels) {
        ForStream s = full == null ? plain(extractor.forStream(streamLabels))
                : new WithFallback(extractor.forStream(streamLabels), full.forStream(streamLabels));
        if (preserveGrouping == null) {
            return s;
        }
        return preserving(s);
    }

    private static ForStream plain(StreamSampleExtractor s) {
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

    /** Hinted extraction; a sample with {@code __error__} is taken from the full extraction instead. */
    private static final class WithFallback implements ForStream {
        private final StreamSampleExtractor hinted;
        private final StreamSampleExtractor full;
        private StreamSampleExtractor current;

        WithFallback(StreamSampleExtractor hinted, StreamSampleExtractor full) {
            this.hinted = hinted;
            this.full = full;
        }

        @Override
        public boolean process(long ts, byte[] buffer, int offset, int length, Labels metadata) {
            current = hinted;
            if (!hinted.process(ts, buffer, offset, length, metadata)) {
                return false;
            }
            if (hinted.labels().has(ERROR_LABEL)) {
                current = full;
                return full.process(ts, buffer, offset, length, metadata);
            }
            return true;
        }

        @Override
        public double value() {
            return current.value();
        }

        @Override
        public Labels labels() {
            return current.labels();
        }
    }

    private ForStream preserving(ForStream s) {
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
