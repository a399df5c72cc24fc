package io.strata.logql.script;

import io.strata.model.Labels;

/**
 * Small lexer for the values of a {@code .test} script: durations ({@code 1m30s}, {@code 500ms},
 * {@code -10s}), Go-quoted strings ({@code "a\x1b"}) and back-quoted raw strings, label sets
 * ({@code {app="api", env="prod"}}) and sample values ({@code 1.5}, {@code NaN}, {@code +Inf}).
 * A cursor over one line; not thread-safe.
 */
final class ScriptText {
    private final String s;
    private int pos;

    ScriptText(String s) {
        this.s = s;
    }

    int position() {
        return pos;
    }

    void seek(int position) {
        pos = position;
    }

    String rest() {
        return s.substring(pos).trim();
    }

    boolean atEnd() {
        skipSpaces();
        return pos >= s.length();
    }

    void skipSpaces() {
        while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
            pos++;
        }
    }

    char peek() {
        skipSpaces();
        return pos < s.length() ? s.charAt(pos) : '\0';
    }

    /** The next whitespace-separated word. */
    String word() {
        skipSpaces();
        int start = pos;
        while (pos < s.length() && !Character.isWhitespace(s.charAt(pos))) {
            pos++;
        }
        if (start == pos) {
            throw error("expected a word");
        }
        return s.substring(start, pos);
    }

    void expectWord(String w) {
        String got = word();
        if (!got.equals(w)) {
            throw error("expected '" + w + "' but found '" + got + "'");
        }
    }

    long duration() {
        return parseDuration(word());
    }

    /** Go/Prometheus-style duration in nanoseconds: units ns us ms s m h d w, fractions, sign. */
    static long parseDuration(String text) {
        String t = text;
        boolean negative = t.startsWith("-");
        if (negative || t.startsWith("+")) {
            t = t.substring(1);
        }
        if (t.equals("0")) {
            return 0;
        }
        long total = 0;
        int i = 0;
        while (i < t.length()) {
            int start = i;
            while (i < t.length() && (Character.isDigit(t.charAt(i)) || t.charAt(i) == '.')) {
                i++;
            }
            if (start == i) {
                throw new IllegalArgumentException("bad duration " + text);
            }
            double amount = Double.parseDouble(t.substring(start, i));
            int unitStart = i;
            while (i < t.length() && Character.isLetter(t.charAt(i))) {
                i++;
            }
            long unit = switch (t.substring(unitStart, i)) {
                case "ns" -> 1L;
                case "us", "µs" -> 1_000L;
                case "ms" -> 1_000_000L;
                case "s" -> 1_000_000_000L;
                case "m" -> 60_000_000_000L;
                case "h" -> 3_600_000_000_000L;
                case "d" -> 86_400_000_000_000L;
                case "w" -> 7 * 86_400_000_000_000L;
                default -> throw new IllegalArgumentException("bad duration unit in " + text);
            };
            total += Math.round(amount * unit);
        }
        return negative ? -total : total;
    }

    /** A back-quoted raw string or a double-quoted Go string. */
    String quoted() {
        skipSpaces();
        if (pos >= s.length()) {
            throw error("expected a quoted string");
        }
        char q = s.charAt(pos);
        if (q == '`') {
            int end = s.indexOf('`', pos + 1);
            if (end < 0) {
                throw error("unterminated raw string");
            }
            String out = s.substring(pos + 1, end);
            pos = end + 1;
            return out;
        }
        if (q != '"') {
            throw error("expected a quoted string");
        }
        StringBuilder out = new StringBuilder();
        pos++;
        while (pos < s.length()) {
            char c = s.charAt(pos++);
            if (c == '"') {
                return out.toString();
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char e = s.charAt(pos++);
            switch (e) {
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'r' -> out.append('\r');
                case 'a' -> out.append('\u0007');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'v' -> out.append('\u000b');
                case '\\', '"', '\'' -> out.append(e);
                case 'x' -> {
                    out.append((char) Integer.parseInt(s.substring(pos, pos + 2), 16));
                    pos += 2;
                }
                case 'u' -> {
                    out.append((char) Integer.parseInt(s.substring(pos, pos + 4), 16));
                    pos += 4;
                }
                case 'U' -> {
                    out.appendCodePoint(Integer.parseInt(s.substring(pos, pos + 8), 16));
                    pos += 8;
                }
                default -> throw error("bad escape \\" + e);
            }
        }
        throw error("unterminated string");
    }

    /** A label set {@code {a="1", b="2"}} (possibly {@code {}}). */
    Labels labels() {
        skipSpaces();
        if (peek() != '{') {
            throw error("expected a label set");
        }
        pos++;
        Labels.Builder b = Labels.builder();
        while (true) {
            skipSpaces();
            if (pos < s.length() && s.charAt(pos) == '}') {
                pos++;
                return b.build();
            }
            int start = pos;
            while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '_')) {
                pos++;
            }
            String name = s.substring(start, pos);
            skipSpaces();
            if (name.isEmpty() || pos >= s.length() || s.charAt(pos) != '=') {
                throw error("expected name=\"value\"");
            }
            pos++;
            b.set(name, quoted());
            skipSpaces();
            if (pos < s.length() && s.charAt(pos) == ',') {
                pos++;
            }
        }
    }

    /** A sample value: a number, {@code NaN}, {@code +Inf}/{@code Inf}, {@code -Inf}. */
    static double parseValue(String w) {
        return switch (w) {
            case "NaN" -> Double.NaN;
            case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(w);
        };
    }

    /** Loki's rendering of a value (shortest decimal, no exponent for usual magnitudes). */
    static String formatValue(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return new java.math.BigDecimal(Double.toString(v)).toPlainString();
    }

    IllegalArgumentException error(String message) {
        return new IllegalArgumentException(message + " at column " + (pos + 1) + " of: " + s);
    }
}
