package io.strata.logql.log;

/** Go literal handling for templates: unquoting string constants and parsing number constants. */
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
                return Double.parseDouble(t); // Go's idealConstant: 1e3 is a float64 like 1.5
            } else {
                return null;
            }
            return neg ? -v : v;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
