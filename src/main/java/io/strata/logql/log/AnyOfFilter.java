package io.strata.logql.log;

import java.util.List;

/** An {@code or} chain of line filters: true when any operand matches. */
public final class AnyOfFilter implements LineFilter {
    private final LineFilter[] filters;

    public AnyOfFilter(List<LineFilter> filters) {
        this.filters = filters.toArray(new LineFilter[0]);
    }

    @Override
    public boolean matches(Line line) {
        for (LineFilter f : filters) {
            if (f.matches(line)) {
                return true;
            }
        }
        return false;
    }
}
