package io.strata.logql.log;

import io.strata.model.StrataException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A compiled pattern expression ({@code "<ip> - <_> [<ts>]"}): alternating literals and
 * captures. {@code <ident>} with ident = {@code [A-Za-z_][A-Za-z0-9_]*} is a capture, {@code <_>}
 * an unnamed one; any other text is literal. Used by the {@code pattern} parser
 * ({@link #extract}) and the {@code |>} line filter ({@link #test}). Immutable.
 */
public final class LinePattern {
    private final Object[] parts; // ByteSearcher for a literal, String for a capture name ("_" = unnamed)
    private final List<String> names;

    private LinePattern(Object[] parts, List<String> names) {
        this.parts = parts;
        this.names = names;
    }

    /** For the pattern parser: needs ≥1 named capture, no adjacent captures, unique names. */
    public static LinePattern forParser(String pattern) {
        List<Object> parts = parse(pattern);
        List<String> names = new ArrayList<>();
        for (Object p : parts) {
            if (p instanceof String s && !s.equals("_")) {
                names.add(s);
            }
        }
        if (names.isEmpty()) {
            throw StrataException.badRequest("at least one capture is required");
        }
        checkAdjacent(parts);
        Set<String> uniq = new HashSet<>();
        for (String n : names) {
            if (!uniq.add(n)) {
                throw StrataException.badRequest("duplicate capture name (" + n + "): invalid expression");
            }
        }
        return new LinePattern(parts.toArray(), List.copyOf(names));
    }

    /** For {@code |>}/{@code !>}: no named captures, no adjacent captures. */
    public static LinePattern forFilter(String pattern) {
        List<Object> parts = parse(pattern);
        checkAdjacent(parts);
        for (Object p : parts) {
            if (p instanceof String s && !s.equals("_")) {
                throw StrataException.badRequest("named captures are not allowed: found '<" + s + ">'");
            }
        }
        return new LinePattern(parts.toArray(), List.of());
    }

    private static void checkAdjacent(List<Object> parts) {
        for (int i = 0; i + 1 < parts.size(); i++) {
            if (parts.get(i) instanceof String a && parts.get(i + 1) instanceof String b) {
                throw StrataException.badRequest("found consecutive capture '<" + a + "><" + b + ">': invalid expression");
            }
        }
    }

    private static List<Object> parse(String p) {
        List<Object> parts = new ArrayList<>();
        StringBuilder lit = new StringBuilder();
        int i = 0;
        while (i < p.length()) {
            char c = p.charAt(i);
            if (c == '<') {
                int j = i + 1;
                if (j < p.length() && isIdentStart(p.charAt(j))) {
                    j++;
                    while (j < p.length() && isIdentPart(p.charAt(j))) {
                        j++;
                    }
                    if (j < p.length() && p.charAt(j) == '>') {
                        if (!lit.isEmpty()) {
                            parts.add(new ByteSearcher(lit.toString(), false));
                            lit.setLength(0);
                        }
                        parts.add(p.substring(i + 1, j));
                        i = j + 1;
                        continue;
                    }
                }
            }
            lit.append(c);
            i++;
        }
        if (!lit.isEmpty()) {
            parts.add(new ByteSearcher(lit.toString(), false));
        }
        return parts;
    }

    private static boolean isIdentStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }

    private static boolean isIdentPart(char c) {
        return isIdentStart(c) || (c >= '0' && c <= '9');
    }

    /** Names of the named captures, in order. */
    public List<String> names() {
        return names;
    }

    /**
     * Runs the parser match; returns the number of captures found, writing their byte ranges
     * (absolute start, end) into {@code out} (length ≥ 2 × names).
     */
    public int extract(byte[] b, int off, int len, int[] out) {
        if (len == 0 || parts.length == 0) {
            return 0;
        }
        int pos = off;
        int end = off + len;
        int k = 0;
        int found = 0;
        if (parts[0] instanceof ByteSearcher ls) {
            int i = ls.indexOf(b, off, len);
            if (i != off) {
                return 0;
            }
            pos += ls.needleLength();
            k = 1;
        }
        if (k == parts.length) {
            return 0;
        }
        while (k < parts.length) {
            String capture = (String) parts[k];
            boolean named = !capture.equals("_");
            if (k == parts.length - 1) {
                if (named) {
                    out[2 * found] = pos;
                    out[2 * found++ + 1] = end;
                }
                return found;
            }
            ByteSearcher ls = (ByteSearcher) parts[k + 1];
            k += 2;
            int i = ls.indexOf(b, pos, end - pos);
            if (i < 0) {
                if (named) {
                    out[2 * found] = pos;
                    out[2 * found++ + 1] = end;
                }
                return found;
            }
            if (named) {
                out[2 * found] = pos;
                out[2 * found++ + 1] = i;
            }
            pos = i + ls.needleLength();
        }
        return found;
    }

    /** The {@code |>} rule: literals in order at first occurrence, captures non-empty. */
    public boolean test(byte[] b, int off, int len) {
        if (len == 0 || parts.length == 0) {
            return len == 0 && parts.length == 0;
        }
        int pos = off;
        int end = off + len;
        for (int i = 0; i < parts.length; i++) {
            if (!(parts[i] instanceof ByteSearcher ls)) {
                continue;
            }
            int j = ls.indexOf(b, pos, end - pos);
            if (j < 0) {
                return false;
            }
            if (i != 0 && j == pos) {
                return false;
            }
            pos = j + ls.needleLength();
        }
        boolean requiresRemainder = parts[parts.length - 1] instanceof String;
        return requiresRemainder == (pos != end);
    }

    public boolean test(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return test(b, 0, b.length);
    }
}
