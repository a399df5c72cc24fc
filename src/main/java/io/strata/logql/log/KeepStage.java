package io.strata.logql.log;

import io.strata.model.Matcher;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code | keep a, b="v"}: removes every label not listed; a matcher keeps its label only when the
 * value matches. {@code __error__}, {@code __error_details__} and {@code __preserve_error__} are
 * never removed. Never filters lines.
 */
public final class KeepStage implements Stage {
    private final List<String> names;
    private final Matcher[] matchers;
    private final List<String> scratch = new ArrayList<>();

    public KeepStage(List<String> names, List<Matcher> matchers) {
        this.names = List.copyOf(names);
        this.matchers = matchers.toArray(new Matcher[0]);
    }

    @Override
    public boolean process(long timestampNanos, Line line, LabelsBuilder labels) {
        scratch.clear();
        labels.forEachVisible((n, v) -> {
            if (n.equals(LabelsBuilder.ERROR) || n.equals(LabelsBuilder.ERROR_DETAILS) || n.equals(LabelsBuilder.PRESERVE_ERROR)) {
                return;
            }
            if (names.contains(n)) {
                return;
            }
            for (Matcher m : matchers) {
                if (m.name().equals(n) && m.matches(v)) {
                    return;
                }
            }
            scratch.add(n);
        });
        for (String n : scratch) {
            labels.delete(n);
        }
        return true;
    }
}
