package io.strata.logql.log;

import java.util.ArrayList;
import java.util.List;

/**
 * Recognises regexes that are plain substring searches, as Loki's filter simplification does:
 * a literal, {@code .*lit.*}, {@code lit1|lit2} (optionally in one group), and any of these with
 * a leading {@code (?i)} when the literals are ASCII. Anything else returns null.
 */
final class RegexSimplifier {
    private static final String META = "\\.+*?()|[]{}^$";

    private RegexSimplifier() {}

    static LineFilter simplify(String re) {
        boolean ci = false;
        String s = re;
        if (s.startsWith("(?i)")) {
            ci = true;
            s = s.substring(4);
        }
        s = stripDotStar(s);
        if (s.startsWith("(") && s.endsWith(")") && closesAtEnd(s)) {
            s = s.startsWith("(?:") ? s.substring(3, s.length() - 1) : s.substring(1, s.length() - 1);
            if (s.startsWith("?")) {
                return null;
            }
            s = stripDotStar(s);
        }
        List<String> alternatives = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                if (i + 1 >= s.length()) {
                    return null;
                }
                char e = s.charAt(i + 1);
                if (Character.isLetterOrDigit(e) || e > 0x7f) {
                    return null; // \d, \w, \x41 ... are classes or escapes we do not expand
                }
                cur.append(e);
                i++;
            } else if (c == '|') {
                alternatives.add(cur.toString());
                cur.setLength(0);
            } else if (META.indexOf(c) >= 0) {
                return null;
            } else {
                cur.append(c);
            }
        }
        alternatives.add(cur.toString());
        List<LineFilter> filters = new ArrayList<>();
        for (String a : alternatives) {
            if (ci && !isAscii(a)) {
                return null;
            }
            if (a.isEmpty()) {
                return LineFilter.TRUE;
            }
            filters.add(new ContainsFilter(a, ci));
        }
        return filters.size() == 1 ? filters.get(0) : new AnyOfFilter(filters);
    }

    private static String stripDotStar(String s) {
        if (s.startsWith(".*") && !s.startsWith(".*?")) {
            s = s.substring(2);
        }
        if (s.endsWith(".*") && !s.endsWith("\\.*")) {
            s = s.substring(0, s.length() - 2);
        }
        return s;
    }

    /** Whether the '(' at index 0 is closed by the last character. */
    private static boolean closesAtEnd(String s) {
        int depth = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
                if (depth == 0 && i != s.length() - 1) {
                    return false;
                }
            }
        }
        return depth == 0;
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > 0x7f) {
                return false;
            }
        }
        return true;
    }
}
