package io.strata.logql.syntax;

import java.util.ArrayList;
import java.util.List;

/**
 * Approximates whether Loki's regex simplifier turns a label-filter regex into literal filters.
 * Loki prints a {@code =~} label filter with back-quotes when it could NOT simplify it (the
 * regex stays a regex) and with double quotes otherwise. Handled shapes: empty, {@code .*},
 * {@code .+}, literals (optionally with leading/trailing {@code .*}), alternations of such
 * literals (adjacent single-character alternatives become a character class in Go's parser,
 * which is not simplifiable), one optional enclosing group and a {@code (?i)} prefix.
 */
final class RegexShape {
    private RegexShape() {
    }

    static boolean simplifiable(String re) {
        String r = re;
        if (r.startsWith("(?i)")) {
            r = r.substring(4);
        }
        if (r.isEmpty() || r.equals(".*") || r.equals(".+")) {
            return true;
        }
        List<String> alts = splitTopLevel(r);
        if (alts == null) {
            return false;
        }
        if (alts.size() == 1) {
            String a = alts.get(0);
            if (a.length() >= 2 && a.charAt(0) == '(' && a.charAt(a.length() - 1) == ')' && closesAtEnd(a)) {
                String inner = a.startsWith("(?:") ? a.substring(3, a.length() - 1) : a.substring(1, a.length() - 1);
                return !inner.startsWith("?") && simplifiable(inner);
            }
            return literalWithStars(a) != null;
        }
        List<String> lits = new ArrayList<>();
        for (String a : alts) {
            String lit = literalWithStars(a);
            if (lit == null) {
                return false;
            }
            lits.add(lit);
        }
        for (int i = 0; i + 1 < lits.size(); i++) {
            if (lits.get(i).length() == 1 && lits.get(i + 1).length() == 1) {
                return false; // becomes a character class
            }
            String p = commonPrefix(lits.get(i), lits.get(i + 1));
            if (!p.isEmpty() && lits.get(i).length() == p.length() + 1 && lits.get(i + 1).length() == p.length() + 1) {
                return false; // ab|ac is factored into a[bc]
            }
        }
        return true;
    }

    private static String commonPrefix(String a, String b) {
        int n = 0;
        while (n < a.length() && n < b.length() && a.charAt(n) == b.charAt(n)) {
            n++;
        }
        return a.substring(0, n);
    }

    private static boolean closesAtEnd(String a) {
        int depth = 0;
        for (int i = 0; i < a.length(); i++) {
            char c = a.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
                if (depth == 0 && i != a.length() - 1) {
                    return false;
                }
            }
        }
        return depth == 0;
    }

    /** Splits on top-level '|'; null when a bracket expression makes the shape complex. */
    private static List<String> splitTopLevel(String r) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < r.length(); i++) {
            char c = r.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '[') {
                return null;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == '|' && depth == 0) {
                out.add(r.substring(start, i));
                start = i + 1;
            }
        }
        out.add(r.substring(start));
        return out;
    }

    /** The literal of {@code [.*]literal[.*]}, or null when the text is anything else. */
    private static String literalWithStars(String a) {
        String s = a;
        if (s.startsWith(".*")) {
            s = s.substring(2);
        }
        if (s.endsWith(".*") && !s.endsWith("\\.*")) {
            s = s.substring(0, s.length() - 2);
        }
        StringBuilder lit = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                if (i + 1 >= s.length()) {
                    return null;
                }
                char n = s.charAt(i + 1);
                if (Character.isLetterOrDigit(n)) {
                    return null; // \d, \w, \b, ...
                }
                lit.append(n);
                i++;
            } else if ("()[]{}?+*^$|.".indexOf(c) >= 0) {
                return null;
            } else {
                lit.append(c);
            }
        }
        return lit.toString();
    }
}
