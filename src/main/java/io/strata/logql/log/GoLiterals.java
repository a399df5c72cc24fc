package io.strata.logql.log;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * Go literal handling for templates: unquoting string constants, parsing number constants,
 * and printing values the way {@code fmt.Sprint} does ({@code %v}).
 */
final class GoLiterals {
    private GoLiterals() {}

    /** Unquotes a double-quoted Go string literal; null when invalid. */
    static String unquote(String quoted) {
        if (quoted.length() < 2 || quoted.charAt(0) != '"' || quoted.charAt(quoted.length() - 1) != '"') {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        String s = quoted.substring(1, quoted.length() - 1);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            if (++i >= s.length()) {
                return null;
            }
            char e = s.charAt(i);
            switch (e) {
                case 'a' -> sb.append('\u0007');
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'v' -> sb.append('\u000b');
                case '\\' -> sb.append('\\');
                case '"' -> sb.append('"');
                case '\'' -> sb.append('\'');
                case 'x', 'u', 'U' -> {
                    int n = e == 'x' ? 2 : e == 'u' ? 4 : 8;
                    if (i + n >= s.length()) {
                        return null;
                    }
                    try {
                        int cp = Integer.parseInt(s.substring(i + 1, i + 1 + n), 16);
                        if (e == 'x') {
                            sb.append((char) cp);
                        } else {
                            sb.appendCodePoint(cp);
                        }
                    } catch (RuntimeException ex) {
                        return null;
                    }
                    i += n;
                }
                default -> {
                    if (e >= '0' && e <= '7' && i + 2 < s.length()) {
                        try {
                            sb.append((char) Integer.parseInt(s.substring(i, i + 3), 8));
                        } catch (NumberFormatException ex) {
                            return null;
                        }
                        i += 2;
                    } else {
                        return null;
                    }
                }
            }
        }
        return sb.toString();
    }

    /** A number constant: Long for integers, Double otherwise; null when invalid. */
    static Object number(String text) {
        String t = text.replace("_", "");
        boolean neg = t.startsWith("-");
        String body = t.startsWith("-") || t.startsWith("+") ? t.substring(1) : t;
        try {
            long v;
            if (body.startsWith("0x") || body.startsWith("0X")) {
                if (body.contains("p") || body.contains("P") || body.contains(".")) {
                    return Double.parseDouble(t);
                }
                v = Long.parseLong(body.substring(2), 16);
            } else if (body.startsWith("0b") || body.startsWith("0B")) {
                v = Long.parseLong(body.substring(2), 2);
            } else if (body.startsWith("0o") || body.startsWith("0O")) {
                v = Long.parseLong(body.substring(2), 8);
            } else if (body.matches("0[0-7]+")) {
                v = Long.parseLong(body.substring(1), 8);
            } else if (body.matches("[0-9]+")) {
                v = Long.parseLong(body);
            } else if (body.matches("([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?")) {
                double d = Double.parseDouble(t);
                if (d == Math.rint(d) && !body.contains(".") && Math.abs(d) < 9.2e18) {
                    return (long) d; // 1e3 is an integer constant in Go templates
                }
                return d;
            } else {
                return null;
            }
            return neg ? -v : v;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** {@code fmt.Sprint} of one value ({@code %v}). */
    static String print(Object v) {
        if (v == null) {
            return "<no value>";
        }
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof Double d) {
            return formatFloat(d);
        }
        if (v instanceof GoTime t) {
            return t.toString();
        }
        if (v instanceof Map<?, ?> m) {
            StringBuilder sb = new StringBuilder("map[");
            boolean first = true;
            for (Map.Entry<?, ?> e : new java.util.TreeMap<>(m).entrySet()) {
                if (!first) {
                    sb.append(' ');
                }
                first = false;
                sb.append(printInner(e.getKey())).append(':').append(printInner(e.getValue()));
            }
            return sb.append(']').toString();
        }
        if (v instanceof List<?> l) {
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < l.size(); i++) {
                if (i > 0) {
                    sb.append(' ');
                }
                sb.append(printInner(l.get(i)));
            }
            return sb.append(']').toString();
        }
        return String.valueOf(v);
    }

    private static String printInner(Object v) {
        return v == null ? "<nil>" : print(v);
    }

    /** Go {@code %v} of a float64: shortest digits, exponent form when exp < -4 or exp >= 6 ({@code 1e+06}). */
    static String formatFloat(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "+Inf" : "-Inf";
        }
        if (d == 0) {
            return (1 / d) < 0 ? "-0" : "0";
        }
        BigDecimal bd = new BigDecimal(Double.toString(Math.abs(d))).stripTrailingZeros();
        String digits = bd.unscaledValue().toString();
        int exp = digits.length() - 1 - bd.scale(); // decimal exponent of the first digit
        String sign = d < 0 ? "-" : "";
        if (exp < -4 || exp >= 6) {
            StringBuilder sb = new StringBuilder(sign).append(digits.charAt(0));
            if (digits.length() > 1) {
                sb.append('.').append(digits, 1, digits.length());
            }
            sb.append('e').append(exp < 0 ? '-' : '+');
            int ae = Math.abs(exp);
            if (ae < 10) {
                sb.append('0');
            }
            return sb.append(ae).toString();
        }
        return sign + bd.toPlainString();
    }
}
