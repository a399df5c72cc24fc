package io.strata.logql.engine;

import io.strata.model.Labels;
import java.nio.charset.StandardCharsets;

/** A hand-written {@link SampleSource} fake: value 1 per entry, or the number after "c=" in the line. */
final class CountingSamples implements SampleSource {
    private final boolean parseValue;

    CountingSamples(boolean parseValue) {
        this.parseValue = parseValue;
    }

    @Override
    public ForStream forStream(Labels streamLabels) {
        return new ForStream() {
            private double value;

            @Override
            public boolean process(long ts, byte[] buffer, int offset, int length, Labels metadata) {
                if (!parseValue) {
                    value = 1;
                    return true;
                }
                String line = new String(buffer, offset, length, StandardCharsets.UTF_8);
                int i = line.indexOf("c=");
                if (i < 0) {
                    return false;
                }
                value = Double.parseDouble(line.substring(i + 2).trim());
                return true;
            }

            @Override
            public double value() {
                return value;
            }

            @Override
            public Labels labels() {
                return streamLabels;
            }
        };
    }
}
