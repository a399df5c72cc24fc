package io.strata.logql.log;

import java.util.List;

/**
 * {@code | pattern "<a> <_> [<b>]"}: see {@link LinePattern#extract} for the matching rules.
 * Captured values become parsed labels (parser rules: {@code _extracted}, first wins). Never
 * drops, never errors.
 */
public final class PatternParserStage implements Stage {
    private final LinePattern pattern;
    private final String[] names;
    private final int[] ranges;
    private final StringCache values = new StringCache();

    public PatternParserStage(String pattern) {
        this.pattern = LinePattern.forParser(pattern);
        List<String> n = this.pattern.names();
        this.names = n.toArray(new String[0]);
        this.ranges = new int[names.length * 2];
    }

    @Override
    public boolean process(long timestampNanos, Line line, LabelsBuilder labels) {
        byte[] b = line.buffer();
        int found = pattern.extract(b, line.offset(), line.length(), ranges);
        for (int i = 0; i < found; i++) {
            int s = ranges[2 * i];
            int e = ranges[2 * i + 1];
            String v = e - s <= 32 ? values.get(b, s, e) : new String(b, s, e - s, java.nio.charset.StandardCharsets.UTF_8);
            labels.setParsedFirst(names[i], v);
        }
        return true;
    }
}
