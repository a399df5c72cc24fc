package io.strata.logql.log;

import io.strata.model.Matcher;
import java.util.List;

/**
 * {@code | drop a, b="v", c=~"re"}: a bare name removes the label; a matcher removes it only
 * when its current value matches (absent = {@code ""}). Dropping {@code __error__} or
 * {@code __error_details__} clears the error. Never filters lines.
 */
public final class DropStage implements Stage {
    private final String[] names;
    private final Matcher[] matchers;

    /** @param names bare names; @param matchers conditional drops */
    public DropStage(List<String> names, List<Matcher> matchers) {
        this.names = names.toArray(new String[0]);
        this.matchers = matchers.toArray(new Matcher[0]);
    }

    @Override
    public boolean process(long timestampNanos, Line line, LabelsBuilder labels) {
        for (Matcher m : matchers) {
            if (m.matches(labels.get(m.name()))) {
                labels.delete(m.name());
            }
        }
        for (String n : names) {
            labels.delete(n);
        }
        return true;
    }
}
