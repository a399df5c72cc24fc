package io.strata.logql.log;

/** {@code |= ip("…")}: true when any address found in the line lies in the pattern. */
public final class IpLineFilter implements LineFilter {
    private final IpMatcher matcher;

    public IpLineFilter(String pattern) {
        this.matcher = IpMatcher.parse(pattern);
    }

    @Override
    public boolean matches(Line line) {
        return line.length() > 0 && matcher.findIn(line.buffer(), line.offset(), line.length());
    }
}
