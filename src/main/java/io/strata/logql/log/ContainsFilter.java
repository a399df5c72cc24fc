package io.strata.logql.log;

import java.util.List;

/** {@code |= "literal"}: byte-wise substring test (optionally ASCII case-insensitive). */
public final class ContainsFilter implements LineFilter {
    private final String literal;
    private final boolean caseInsensitive;
    private final ByteSearcher searcher;

    public ContainsFilter(String literal, boolean caseInsensitive) {
        this.literal = literal;
        this.caseInsensitive = caseInsensitive;
        this.searcher = new ByteSearcher(literal, caseInsensitive);
    }

    @Override
    public boolean matches(Line line) {
        return searcher.indexOf(line.buffer(), line.offset(), line.length()) >= 0;
    }

    public boolean matches(byte[] b, int off, int len) {
        return searcher.indexOf(b, off, len) >= 0;
    }

    @Override
    public List<String> requiredSubstrings() {
        return caseInsensitive || literal.isEmpty() ? List.of() : List.of(literal);
    }

    public String literal() {
        return literal;
    }
}
