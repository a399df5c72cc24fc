package io.strata.logql.log;

/** {@code |> "pattern"}: see {@link LinePattern#test}. */
public final class PatternLineFilter implements LineFilter {
    private final LinePattern pattern;

    public PatternLineFilter(String pattern) {
        this.pattern = LinePattern.forFilter(pattern);
    }

    @Override
    public boolean matches(Line line) {
        return pattern.test(line.buffer(), line.offset(), line.length());
    }
}
