package io.strata.logql.engine;

import io.strata.model.Labels;

/**
 * {@link SampleSource} for a selection without pipeline stages and without {@code unwrap}: every
 * entry is a sample worth 1 (counting) or its line length (bytes functions), labelled with the
 * stream's labels after grouping. No per-entry label work at all — the fast path of
 * {@code count_over_time({…}[r])} and {@code sum by (…) (rate({…}[r]))}.
 */
final class DirectSamples implements SampleSource {
    private final boolean bytes;
    private final Grouping grouping; // null: stream labels as they are

    DirectSamples(boolean bytes, Grouping grouping) {
        this.bytes = bytes;
        this.grouping = grouping;
    }

    @Override
    public ForStream forStream(Labels streamLabels) {
        Labels labels = grouping == null ? streamLabels : grouping.apply(streamLabels);
        return new ForStream() {
            private int length;

            @Override
            public boolean process(long ts, byte[] buffer, int offset, int len, Labels metadata) {
                length = len;
                return true;
            }

            @Override
            public double value() {
                return bytes ? length : 1;
            }

            @Override
            public Labels labels() {
                return labels;
            }
        };
    }
}
