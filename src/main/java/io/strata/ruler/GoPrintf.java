package io.strata.ruler;

import io.strata.model.Labels;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;

/** Go's {@code fmt.Sprintf} for the verbs templates use: {@code %v %s %d %f %g %e %q %x %t %%}, flags {@code -+0 }, width, precision. */
final class GoPrintf {
    private GoPrintf() {}

    static String format(String format, List<Object> args) {
        StringBuilder out = new StringBuilder();
        int argIndex = 0;
        int i = 0;
        while (i < format.length()) {
            char c = format.charAt(i++);
            if (c != '%') {
                out.append(c);
                continue;
            }
            if (i >= format.length()) {
                out.append("%!(NOVERB)");
                break;
            }
            boolean minus = false;
            boolean plus = false;
            boolean zero = false;
            boolean space = false;
            while (i < format.length() && "-+0 #".indexOf(format.charAt(i)) >= 0) {
                switch (format.charAt(i++)) {
                    case '-' -> minus = true;
                    case '+' -> plus = true;
                    case '0' -> zero = true;
                    case ' ' -> space = true;
                    default -> { }
                }
            }
            int width = -1;
            int start = i;
            while (i < format.length() && Character.isDigit(format.charAt(i))) {
                i++;
            }
            if (i > start) {
                width = Integer.parseInt(format.substring(start, Math.min(i, start + 4)));
            }
            int prec = -1;
            if (i < format.length() && format.charAt(i) == '.') {
                i++;
                start = i;
                while (i < format.length() && Character.isDigit(format.charAt(i))) {
                    i++;
                }
                prec = i > start ? Integer.parseInt(format.substring(start, Math.min(i, start + 3))) : 0;
            }
            if (i >= format.length()) {
                out.append("%!(NOVERB)");
                break;
            }
            char verb = format.charAt(i++);
            if (verb == '%') {
                out.append('%');
                continue;
            }
            if (argIndex >= args.size()) {
                out.append("%!").append(verb).append("(MISSING)");
                continue;
            }
            String s = verb(verb, prec, args.get(argIndex++));
            if ((plus || space) && !s.startsWith("-") && isNumeric(args.get(argIndex - 1))) {
                s = (plus ? "+" : " ") + s;
            }
            out.append(pad(s, width, minus, zero && !minus && isNumeric(args.get(argIndex - 1))));
        }
        if (argIndex < args.size()) {
            out.append("%!(EXTRA ");
            for (int k = argIndex; k < args.size(); k++) {
                out.append(k > argIndex ? ", " : "").append(typeName(args.get(k))).append('=')
                        .append(TemplateFunctions.print(args.get(k)));
            }
            out.append(')');
        }
        return out.toString();
    }

    private static String verb(char verb, int prec, Object a) {
        return switch (verb) {
            case 'v', 's' -> {
                String s = a instanceof Double d && verb == 'v' ? TemplateFunctions.goV(d) : TemplateFunctions.print(a);
                yield verb == 's' && prec >= 0 && s.length() > prec ? s.substring(0, prec) : s;
            }
            case 'd' -> a instanceof Long l ? l.toString() : bad(verb, a);
            case 'f', 'F' -> a instanceof Number n ? GoFormat.f(n.doubleValue(), prec < 0 ? 6 : prec) : bad(verb, a);
            case 'g' -> a instanceof Number n
                    ? (prec < 0 ? TemplateFunctions.goV(n.doubleValue()) : GoFormat.g(n.doubleValue(), Math.max(prec, 1)))
                    : bad(verb, a);
            case 'e' -> a instanceof Number n ? fixedE(n.doubleValue(), prec < 0 ? 6 : prec) : bad(verb, a);
            case 'q' -> a instanceof String s ? Labels.quote(s) : bad(verb, a);
            case 'x' -> a instanceof Long l ? Long.toHexString(l)
                    : a instanceof String s ? hex(s) : bad(verb, a);
            case 't' -> a instanceof Boolean b ? b.toString() : bad(verb, a);
            default -> bad(verb, a);
        };
    }

    private static String fixedE(double v, int prec) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return GoFormat.shortestE(v);
        }
        BigDecimal d = v == 0 ? BigDecimal.ZERO.setScale(prec)
                : new BigDecimal(v).round(new MathContext(prec + 1, RoundingMode.HALF_EVEN));
        String digits = d.unscaledValue().abs().toString();
        while (digits.length() < prec + 1) {
            digits += "0";
        }
        int exp = v == 0 ? 0 : d.precision() - d.scale() - 1;
        StringBuilder sb = new StringBuilder();
        if (v < 0) {
            sb.append('-');
        }
        sb.append(digits.charAt(0));
        if (prec > 0) {
            sb.append('.').append(digits, 1, prec + 1);
        }
        sb.append('e').append(exp < 0 ? '-' : '+');
        if (Math.abs(exp) < 10) {
            sb.append('0');
        }
        return sb.append(Math.abs(exp)).toString();
    }

    private static String hex(String s) {
        StringBuilder sb = new StringBuilder();
        for (byte b : s.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            sb.append(String.format("%02x", b & 0xff));
        }
        return sb.toString();
    }

    private static boolean isNumeric(Object a) {
        return a instanceof Number;
    }

    private static String bad(char verb, Object a) {
        return "%!" + verb + "(" + typeName(a) + "=" + TemplateFunctions.print(a) + ")";
    }

    private static String typeName(Object a) {
        return switch (a) {
            case null -> "<nil>";
            case String s -> "string";
            case Double d -> "float64";
            case Long l -> "int";
            case Boolean b -> "bool";
            default -> "map[string]string";
        };
    }

    private static String pad(String s, int width, boolean left, boolean zeros) {
        if (width <= s.length()) {
            return s;
        }
        String fill = (zeros ? "0" : " ").repeat(width - s.length());
        if (left) {
            return s + fill;
        }
        if (zeros && (s.startsWith("-") || s.startsWith("+"))) {
            return s.charAt(0) + fill + s.substring(1);
        }
        return fill + s;
    }
}
