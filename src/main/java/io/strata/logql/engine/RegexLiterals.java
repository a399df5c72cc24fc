package io.strata.logql.engine;

/**
 * The longest literal every match of a regex must contain, for block skipping (a {@code |~}
 * filter's literal becomes a required substring of the scan, like a {@code |=} filter's). Deliberately
 * conservative: only runs of literal characters at the top level of a regex without alternation,
 * flags or quoting count; a character followed by a quantifier is dropped from its run. When in
 * doubt the answer is "" (no literal), which never skips anything.
 */
final class RegexLiterals {
    private RegexLiterals() {}

    static String required(String regex) {
        if (regex.contains("|") || regex.contains("(?") || regex.contains("\\Q") || regex.contains("\\E")) {
            return "";
        }
        String best = "";
        StringBuilder run = new StringBuilder();
        int depth = 0;
        int i = 0;
        int n = regex.length();
        while (i < n) {
            char c = regex.charAt(i);
            if (c == '[') { // a class: skip to its end
                best = longer(best, run);
                run.setLength(0);
                i = skipClass(regex, i);
                if (i < 0) {
                    return "";
                }
                continue;
            }
            if (c == '(') {
                best = longer(best, run);
                run.setLength(0);
                depth++;
                i++;
                continue;
            }
            if (c == ')') {
                if (--depth < 0) {
                    return "";
                }
                i++;
                continue;
            }
            if (depth > 0) {
                i += c == '\\' ? 2 : 1;
                continue;
            }
            if (c == '*' || c == '?' || c == '{' || c == '+') {
                if (run.length() > 0) {
                    run.setLength(run.length() - 1); // the quantified character is optional or repeated
                }
                best = longer(best, run);
                run.setLength(0);
                if (c == '{') { // a repeat count (or a literal brace): nothing in it counts
                    int close = regex.indexOf('}', i);
                    if (close < 0) {
                        return "";
                    }
                    i = close + 1;
                } else {
                    i++;
                }
                continue;
            }
            if (c == '.' || c == '^' || c == '$' || c == ']' || c == '}') {
                best = longer(best, run);
                run.setLength(0);
                i++;
                continue;
            }
            if (c == '\\') {
                if (i + 1 >= n) {
                    return "";
                }
                char e = regex.charAt(i + 1);
                if (Character.isLetterOrDigit(e) || e > 0x7f) { // \d, \w, \b, \x41, \pL …: not a literal
                    best = longer(best, run);
                    run.setLength(0);
                } else {
                    run.append(e);
                }
                i += 2;
                continue;
            }
            if (Character.isSurrogate(c)) {
                best = longer(best, run);
                run.setLength(0);
                i++;
                continue;
            }
            run.append(c);
            i++;
        }
        return depth == 0 ? longer(best, run) : "";
    }

    private static String longer(String best, StringBuilder run) {
        return run.length() > best.length() ? run.toString() : best;
    }

    /** Index just past the class starting at {@code i}, or -1 when it does not close. */
    private static int skipClass(String re, int i) {
        int j = i + 1;
        if (j < re.length() && re.charAt(j) == '^') {
            j++;
        }
        if (j < re.length() && re.charAt(j) == ']') {
            j++;
        }
        while (j < re.length()) {
            char c = re.charAt(j);
            if (c == '\\') {
                j += 2;
                continue;
            }
            if (c == '[' && j + 1 < re.length() && re.charAt(j + 1) == ':') {
                int close = re.indexOf(":]", j + 2);
                if (close < 0) {
                    return -1;
                }
                j = close + 2;
                continue;
            }
            if (c == ']') {
                return j + 1;
            }
            j++;
        }
        return -1;
    }
}
