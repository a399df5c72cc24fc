package io.strata.logql.engine;

import io.strata.model.Labels;

/**
 * {@link SampleSource} for a selection without pipeline stages and without {@code unwrap}: every
 * entry is a sample worth 1 (counting) or its line length (bytes functions), labelled with the
 * stream's labels (joined with the entry's structured metadata, a metadata name that clashes with
 * a stream label becoming {@code <name>_extracted}) after grouping. Entries without metadata need
 * no per-entry label work — the fast path of {@code count_over_time({…}[r])} and
 * {@code sum by (…) (rate({…}[r]))}.
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
        Labels plain = grouping == null ? streamLabels : grouping.apply(streamLabels);
        java.util.Map<Labels, Labels> withMetadata = new java.util.HashMap<>();
        return new ForStream() {
            private int length;
            private Labels labels;
            private Labels lastMetadata;
            private Labels lastJoined;

            @Override
            public boolean process(long ts, byte[] buffer, int offset, int len, Labels metadata) {
                length = len;
                if (metadata == null || metadata.isEmpty()) {
                    labels = plain;
                } else if (metadata == lastMetadata) { // readers hand out one instance per distinct metadata
                    labels = lastJoined;
                } else {
                    labels = withMetadata.computeIfAbsent(metadata, m -> join(streamLabels, m));
                    lastMetadata = metadata;
                    lastJoined = labels;
                }
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

    private Labels join(Labels stream, Labels metadata) {
        Labels.Builder b = stream.toBuilder();
        metadata.forEach((name, value) -> b.set(stream.has(name) ? name + "_extracted" : name, value));
        Labels all = b.build();
        return grouping == null ? all : grouping.apply(all);
    }
}
