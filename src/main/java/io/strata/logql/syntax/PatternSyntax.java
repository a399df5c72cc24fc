package io.strata.logql.syntax;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Validation of {@code | pattern "..."} expressions: captures are {@code <identifier>}
 * ({@code [A-Za-z_][A-Za-z0-9_]*}), {@code <_>} is unnamed, everything else is literal.
 */
final class PatternSyntax {
    private PatternSyntax() {
    }

    /** Splits a pattern into nodes; captures are returned as {@code <name>} strings, literals as is. */
    static List<String> nodes(String p) {
        List<String> out = new ArrayList<>();
        StringBuilder lit = new StringBuilder();
        int i = 0;
        while (i < p.length()) {
            int end = captureEnd(p, i);
            if (end > 0) {
                if (!lit.isEmpty()) {
                    out.add(lit.toString());
                    lit.setLength(0);
                }
                out.add(p.substring(i, end));
                i = end;
            } else {
                lit.append(p.charAt(i));
                i++;
            }
        }
        if (!lit.isEmpty()) {
            out.add(lit.toString());
        }
        return out;
    }

    /** End index (exclusive) of a capture starting at i, or -1. */
    private static int captureEnd(String p, int i) {
        if (p.charAt(i) != '<' || i + 2 >= p.length()) {
            return -1;
        }
        char c = p.charAt(i + 1);
        if (!(c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) {
            return -1;
        }
        int j = i + 2;
        while (j < p.length()) {
            c = p.charAt(j);
            if (c == '>') {
                return j + 1;
            }
            if (!(c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) {
                return -1;
            }
            j++;
        }
        return -1;
    }

    static boolean isCapture(String node) {
        return node.length() >= 3 && node.charAt(0) == '<' && node.charAt(node.length() - 1) == '>'
                && captureEnd(node, 0) == node.length();
    }

    /** Loki's message for an invalid {@code | pattern} expression, or null when valid. */
    static String validate(String p) {
        List<String> nodes = nodes(p);
        List<String> named = new ArrayList<>();
        for (String n : nodes) {
            if (isCapture(n) && !n.equals("<_>")) {
                named.add(n.substring(1, n.length() - 1));
            }
        }
        if (named.isEmpty()) {
            return "at least one capture is required";
        }
        for (int i = 0; i + 1 < nodes.size(); i++) {
            if (isCapture(nodes.get(i)) && isCapture(nodes.get(i + 1))) {
                return "found consecutive capture '" + nodes.get(i) + nodes.get(i + 1) + "': invalid expression";
            }
        }
        Set<String> seen = new HashSet<>();
        for (String n : named) {
            if (!seen.add(n)) {
                return "duplicate capture name (" + n + "): invalid expression";
            }
        }
        return null;
    }
}
