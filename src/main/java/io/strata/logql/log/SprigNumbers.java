package io.strata.logql.log;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** sprig's number functions (cast-style coercion, decimal float math) and {@code fromJson}. */
final class SprigNumbers {
    private SprigNumbers() {}

    /** cast.ToInt64: strings via ParseInt(base 0) after trimming a zero decimal part; failures → 0. */
    static long toInt64(Object v) {
        return switch (v) {
            case null -> 0L;
            case Long l -> l;
            case Double d -> (long) (double) d;
            case Boolean b -> b ? 1L : 0L;
            case String s -> parseInt(s);
            default -> 0L;
        };
    }

    private static long parseInt(String s) {
        String t = s;
        int dot = t.indexOf('.');
        if (dot >= 0 && t.substring(dot + 1).chars().allMatch(c -> c == '0')) {
            t = t.substring(0, dot);
        }
        Object n = t.isEmpty() ? null : GoLiterals.number(t);
        return n instanceof Long l ? l : 0L;
    }

    /** cast.ToFloat64: strings via ParseFloat; failures → 0. */
    static double toFloat64(Object v) {
        return switch (v) {
            case null -> 0.0;
            case Long l -> (double) l;
            case Double d -> d;
            case Boolean b -> b ? 1.0 : 0.0;
            case String s -> {
                try {
                    yield GoValues.parseFloat(s);
                } catch (NumberFormatException e) {
                    yield 0.0;
                }
            }
            default -> 0.0;
        };
    }

    static Object call(String fn, List<Object> a) {
        switch (fn) {
            case "ceil", "floor" -> {
                need(fn, a, 1, 1);
                double x = toFloat64(a.get(0));
                return fn.equals("ceil") ? Math.ceil(x) : Math.floor(x);
            }
            case "round" -> {
                need(fn, a, 2, 3);
                double roundOn = a.size() > 2 ? toFloat64(a.get(2)) : 0.5;
                double val = toFloat64(a.get(0));
                double pow = Math.pow(10, TemplateBuiltins.integer(a.get(1)));
                double digit = pow * val;
                double frac = digit - (digit < 0 ? Math.ceil(digit) : Math.floor(digit));
                double r = frac >= roundOn ? Math.ceil(digit) : Math.floor(digit);
                return r / pow;
            }
            case "sub", "div", "mod" -> {
                need(fn, a, 2, 2);
                long x = toInt64(a.get(0));
                long y = toInt64(a.get(1));
                if (!fn.equals("sub") && y == 0) {
                    throw new RuntimeException("runtime error: integer divide by zero");
                }
                return switch (fn) {
                    case "sub" -> x - y;
                    case "div" -> x / y;
                    default -> x % y;
                };
            }
            case "add", "mul", "max", "min" -> {
                need(fn, a, fn.equals("add") ? 0 : 1, Integer.MAX_VALUE);
                long r = fn.equals("add") ? 0 : toInt64(a.get(0));
                for (int i = fn.equals("add") ? 0 : 1; i < a.size(); i++) {
                    long x = toInt64(a.get(i));
                    r = switch (fn) {
                        case "add" -> r + x;
                        case "mul" -> r * x;
                        case "max" -> Math.max(r, x);
                        default -> Math.min(r, x);
                    };
                }
                return r;
            }
            case "maxf", "minf" -> {
                need(fn, a, 1, Integer.MAX_VALUE);
                double r = toFloat64(a.get(0));
                for (int i = 1; i < a.size(); i++) {
                    double x = toFloat64(a.get(i));
                    r = fn.equals("maxf") ? Math.max(r, x) : Math.min(r, x);
                }
                return r;
            }
            default -> { // addf subf mulf divf: shopspring/decimal arithmetic
                need(fn, a, fn.equals("addf") ? 0 : 1, Integer.MAX_VALUE);
                if (a.isEmpty()) {
                    return 0.0;
                }
                BigDecimal r = decimal(a.get(0));
                for (int i = 1; i < a.size(); i++) {
                    BigDecimal x = decimal(a.get(i));
                    r = switch (fn) {
                        case "addf" -> r.add(x);
                        case "subf" -> r.subtract(x);
                        case "mulf" -> r.multiply(x);
                        default -> {
                            if (x.signum() == 0) {
                                throw new RuntimeException("decimal division by 0");
                            }
                            yield r.divide(x, 16, RoundingMode.HALF_UP);
                        }
                    };
                }
                return r.doubleValue();
            }
        }
    }

    private static BigDecimal decimal(Object v) {
        double d = toFloat64(v);
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw new RuntimeException("Cannot create a Decimal from " + GoFloats.formatFloat(d));
        }
        return new BigDecimal(Double.toString(d));
    }

    private static void need(String fn, List<Object> a, int min, int max) {
        if (a.size() < min || a.size() > max) {
            throw new TemplateFunctionMap.ArgumentError("wrong number of args for " + fn + ": want " + min + " got " + a.size());
        }
    }

    /** sprig fromJson: the decoded value (numbers as float64), or null when the input is invalid. */
    static Object fromJson(String s) {
        int[] pos = {0};
        try {
            Object v = value(s, pos);
            skip(s, pos);
            return pos[0] == s.length() ? v : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static void skip(String s, int[] p) {
        while (p[0] < s.length() && " \t\r\n".indexOf(s.charAt(p[0])) >= 0) {
            p[0]++;
        }
    }

    private static Object value(String s, int[] p) {
        skip(s, p);
        char c = s.charAt(p[0]);
        if (c == '{') {
            Map<String, Object> m = new LinkedHashMap<>();
            p[0]++;
            skip(s, p);
            if (s.charAt(p[0]) == '}') {
                p[0]++;
                return m;
            }
            while (true) {
                skip(s, p);
                Object k = value(s, p);
                if (!(k instanceof String key)) {
                    throw new IllegalArgumentException();
                }
                skip(s, p);
                if (s.charAt(p[0]++) != ':') {
                    throw new IllegalArgumentException();
                }
                m.put(key, value(s, p));
                skip(s, p);
                char d = s.charAt(p[0]++);
                if (d == '}') {
                    return m;
                }
                if (d != ',') {
                    throw new IllegalArgumentException();
                }
            }
        }
        if (c == '[') {
            List<Object> l = new ArrayList<>();
            p[0]++;
            skip(s, p);
            if (s.charAt(p[0]) == ']') {
                p[0]++;
                return l;
            }
            while (true) {
                l.add(value(s, p));
                skip(s, p);
                char d = s.charAt(p[0]++);
                if (d == ']') {
                    return l;
                }
                if (d != ',') {
                    throw new IllegalArgumentException();
                }
            }
        }
        if (c == '"') {
            byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            // locate the closing quote on the char string, then unescape
            int i = p[0] + 1;
            while (s.charAt(i) != '"') {
                if (s.charAt(i) == '\\') {
                    i++;
                }
                i++;
            }
            byte[] part = s.substring(p[0] + 1, i).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            String v = JsonScanner.unescape(part, 0, part.length);
            p[0] = i + 1;
            if (v == null || b.length < 0) {
                throw new IllegalArgumentException();
            }
            return v;
        }
        for (String lit : new String[] {"true", "false", "null"}) {
            if (s.startsWith(lit, p[0])) {
                p[0] += lit.length();
                return lit.equals("null") ? null : Boolean.valueOf(lit.equals("true"));
            }
        }
        int start = p[0];
        while (p[0] < s.length() && "+-0123456789.eE".indexOf(s.charAt(p[0])) >= 0) {
            p[0]++;
        }
        return Double.parseDouble(s.substring(start, p[0]));
    }
}
