package io.strata.logql.log;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Go {@code fmt} for templates: {@code Sprint} of one value ({@code %v}) and of many, {@code Sprintln},
 * {@code Sprintf}, and the html/js escapers. Numbers render through {@link GoFloats}.
 */
public final class GoFormat {
    private GoFormat() {}

    /** {@code fmt.Sprint} of one value ({@code %v}); nil is {@code <no value>}, as a template prints it. */
    public static String print(Object v) {
        return switch (v) {
            case null -> "<no value>";
            case String s -> s;
            case Double d -> GoFloats.formatFloat(d);
            case Map<?, ?> m -> {
                StringBuilder sb = new StringBuilder("map[");
                boolean first = true;
                for (Map.Entry<?, ?> e : new TreeMap<>(m).entrySet()) {
                    if (!first) {
                        sb.append(' ');
                    }
                    first = false;
                    sb.append(printInner(e.getKey())).append(':').append(printInner(e.getValue()));
                }
                yield sb.append(']').toString();
            }
            case List<?> l -> {
                StringBuilder sb = new StringBuilder("[");
                for (int i = 0; i < l.size(); i++) {
                    if (i > 0) {
                        sb.append(' ');
                    }
                    sb.append(printInner(l.get(i)));
                }
                yield sb.append(']').toString();
            }
            default -> String.valueOf(v);
        };
    }

    private static String printInner(Object v) {
        return v == null ? "<nil>" : print(v);
    }

    public static String sprint(List<Object> args) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < args.size(); i++) {
            Object a = args.get(i);
            if (i > 0 && !(a instanceof String) && !(args.get(i - 1) instanceof String)) {
                sb.append(' ');
            }
            sb.append(a == null ? "<nil>" : print(a));
        }
        return sb.toString();
    }

    public static String sprintln(List<Object> args) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < args.size(); i++) {
            if (i > 0) {
                sb.append(' ');
            }
            Object a = args.get(i);
            sb.append(a == null ? "<nil>" : print(a));
        }
        return sb.append('\n').toString();
    }

    public static String sprintf(String format, List<Object> args) {
        StringBuilder out = new StringBuilder();
        int argi = 0;
        int i = 0;
        int n = format.length();
        while (i < n) {
            char c = format.charAt(i);
            if (c != '%') {
                out.append(c);
                i++;
                continue;
            }
            i++;
            boolean minus = false;
            boolean plus = false;
            boolean zero = false;
            boolean space = false;
            boolean sharp = false;
            for (; i < n; i++) {
                char f = format.charAt(i);
                if (f == '-') {
                    minus = true;
                } else if (f == '+') {
                    plus = true;
                } else if (f == '0') {
                    zero = true;
                } else if (f == ' ') {
                    space = true;
                } else if (f == '#') {
                    sharp = true;
                } else {
                    break;
                }
            }
            int width = -1;
            if (i < n && format.charAt(i) == '*') {
                width = argi < args.size() && args.get(argi) instanceof Long l ? (int) (long) l : 0;
                argi++;
                i++;
            } else {
                while (i < n && Character.isDigit(format.charAt(i))) {
                    width = Math.max(width, 0) * 10 + (format.charAt(i++) - '0');
                }
            }
            int prec = -1;
            if (i < n && format.charAt(i) == '.') {
                i++;
                prec = 0;
                if (i < n && format.charAt(i) == '*') {
                    prec = argi < args.size() && args.get(argi) instanceof Long l ? (int) (long) l : 0;
                    argi++;
                    i++;
                } else {
                    while (i < n && Character.isDigit(format.charAt(i))) {
                        prec = prec * 10 + (format.charAt(i++) - '0');
                    }
                }
            }
            if (i >= n) {
                out.append("%!(NOVERB)");
                break;
            }
            char verb = format.charAt(i++);
            if (verb == '%') {
                out.append('%');
                continue;
            }
            if (argi >= args.size()) {
                out.append("%!").append(verb).append("(MISSING)");
                continue;
            }
            Object arg = args.get(argi++);
            String body = formatOne(verb, arg, prec, plus, space, sharp);
            if (body == null) {
                out.append("%!").append(verb).append('(').append(TemplateBuiltins.typeName(arg)).append('=')
                        .append(arg == null ? "<nil>" : print(arg)).append(')');
                continue;
            }
            pad(out, body, width, minus, zero && !minus);
        }
        if (argi < args.size()) {
            out.append("%!(EXTRA ");
            for (int k = argi; k < args.size(); k++) {
                if (k > argi) {
                    out.append(", ");
                }
                Object a = args.get(k);
                out.append(TemplateBuiltins.typeName(a)).append('=').append(a == null ? "<nil>" : print(a));
            }
            out.append(')');
        }
        return out.toString();
    }

    private static void pad(StringBuilder out, String body, int width, boolean left, boolean zero) {
        int len = body.codePointCount(0, body.length());
        if (width <= len) {
            out.append(body);
            return;
        }
        int padding = width - len;
        if (left) {
            out.append(body).append(" ".repeat(padding));
        } else if (zero) {
            int signEnd = !body.isEmpty() && (body.charAt(0) == '-' || body.charAt(0) == '+') ? 1 : 0;
            out.append(body, 0, signEnd).append("0".repeat(padding)).append(body.substring(signEnd));
        } else {
            out.append(" ".repeat(padding)).append(body);
        }
    }

    /** One verb; null when the argument type does not fit the verb. */
    private static String formatOne(char verb, Object arg, int prec, boolean plus, boolean space, boolean sharp) {
        switch (verb) {
            case 'v' -> {
                String s = arg == null ? "<nil>" : print(arg);
                return arg instanceof Long || arg instanceof Double ? sign(s, plus, space) : s;
            }
            case 's' -> {
                if (arg instanceof String s) {
                    return prec >= 0 ? GoStrings.trunc(prec, s) : s;
                }
                return arg instanceof GoTime || arg instanceof List || arg instanceof java.util.Map ? print(arg) : null;
            }
            case 'q' -> {
                if (arg instanceof String s) {
                    return sharp && !s.contains("`") ? "`" + s + "`" : io.strata.model.Labels.quote(s);
                }
                if (arg instanceof Long l) {
                    return "'" + new String(Character.toChars((int) (long) l)) + "'";
                }
                return null;
            }
            case 'd' -> {
                return arg instanceof Long l ? sign(Long.toString(l), plus, space) : null;
            }
            case 'b', 'o', 'O' -> {
                if (!(arg instanceof Long l)) {
                    return null;
                }
                String s = verb == 'b' ? Long.toBinaryString(Math.abs(l)) : Long.toOctalString(Math.abs(l));
                if (verb == 'O') {
                    s = "0o" + s;
                }
                return sign((l < 0 ? "-" : "") + s, plus, space);
            }
            case 'x', 'X' -> {
                String s;
                if (arg instanceof Long l) {
                    s = (l < 0 ? "-" : "") + Long.toHexString(Math.abs(l));
                    if (sharp) {
                        s = s.startsWith("-") ? "-0x" + s.substring(1) : "0x" + s;
                    }
                } else if (arg instanceof String str) {
                    StringBuilder sb = new StringBuilder();
                    for (byte b : str.getBytes(StandardCharsets.UTF_8)) {
                        sb.append(String.format("%02x", b & 0xFF));
                    }
                    s = sb.toString();
                } else {
                    return null;
                }
                return verb == 'X' ? s.toUpperCase(Locale.ROOT) : s;
            }
            case 'c' -> {
                return arg instanceof Long l ? new String(Character.toChars((int) (long) l)) : null;
            }
            case 't' -> {
                return arg instanceof Boolean b ? b.toString() : null;
            }
            case 'T' -> {
                return TemplateBuiltins.typeName(arg);
            }
            case 'f', 'F', 'e', 'E', 'g', 'G' -> {
                if (!(arg instanceof Double d)) {
                    return null;
                }
                return sign(formatFloat(verb, d, prec), plus, space);
            }
            default -> {
                return null;
            }
        }
    }

    private static String sign(String s, boolean plus, boolean space) {
        if (s.startsWith("-") || s.startsWith("+")) {
            return s;
        }
        return plus ? "+" + s : space ? " " + s : s;
    }

    private static String formatFloat(char verb, double d, int prec) {
        String s = switch (verb) {
            case 'f', 'F' -> GoFloats.f(d, prec < 0 ? 6 : prec);
            case 'e', 'E' -> GoFloats.e(d, prec < 0 ? 6 : prec);
            default -> prec < 0 ? GoFloats.formatFloat(d) : GoFloats.g(d, Math.max(prec, 1));
        };
        return (verb == 'E' || verb == 'G') && Double.isFinite(d) ? s.toUpperCase(Locale.ROOT) : s;
    }

    static String html(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '\'' -> sb.append("&#39;");
                case '"' -> sb.append("&#34;");
                case 0 -> sb.append('\uFFFD');
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    static String js(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '\'' -> sb.append("\\'");
                case '"' -> sb.append("\\\"");
                case '<' -> sb.append("\\u003C");
                case '>' -> sb.append("\\u003E");
                case '&' -> sb.append("\\u0026");
                case '=' -> sb.append("\\u003D");
                case '\n' -> sb.append("\\u000A");
                case '\r' -> sb.append("\\u000D");
                case '\t' -> sb.append("\\u0009");
                default -> {
                    if (c < ' ') {
                        sb.append(String.format("\\u%04X", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }
}
