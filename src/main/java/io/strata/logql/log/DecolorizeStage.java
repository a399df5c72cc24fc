package io.strata.logql.log;

import com.google.re2j.Pattern;

/**
 * {@code | decolorize}: removes ANSI escape sequences with the same pattern Loki uses (from
 * acarl005/stripansi). Lines without an ESC (0x1B) or CSI (U+009B) byte are left untouched
 * without decoding.
 */
public final class DecolorizeStage implements Stage {
    private static final Pattern ANSI = Pattern.compile(
            "[\u001B\u009B][\\[\\]()#;?]*(?:(?:(?:[a-zA-Z\\d]*(?:;[a-zA-Z\\d]*)*)?\u0007)"
                    + "|(?:(?:\\d{1,4}(?:;\\d{0,4})*)?[\\dA-PRZcf-ntqry=><~]))");

    @Override
    public boolean process(long timestampNanos, Line line, LabelsBuilder labels) {
        byte[] b = line.buffer();
        int e = line.offset() + line.length();
        for (int i = line.offset(); i < e; i++) {
            if (b[i] == 0x1b || b[i] == (byte) 0x9b) {
                line.set(ANSI.matcher(line.asString()).replaceAll(""));
                return true;
            }
        }
        return true;
    }
}
