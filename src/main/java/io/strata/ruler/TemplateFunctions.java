package io.strata.ruler;

import io.strata.model.Labels;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * Functions of Prometheus alert templates ({@code humanize*}, {@code printf}, {@code toUpper},
 * {@code reReplaceAll}, ...) and Go's builtins ({@code eq}, {@code and}, {@code index}, {@code len},
 * ...), with Go's number rendering. Stateless.
 */
final class TemplateFunctions {
    private static final Set<String> NAMES = Set.of("humanize", "humanize1024", "humanizeDuration",
            "humanizePercentage", "humanizeTimestamp", "toUpper", "toLower", "title", "stripPort", "stripDomain",
            "match", "reReplaceAll", "printf", "print", "println", "len", "index", "eq", "ne", "lt", "le", "gt",
            "ge", "and", "or", "not", "urlquery", "parseDuration", "safeHtml", "query", "first", "label", "value",
            "sortByLabel", "args", "tmpl", "pathPrefix", "externalURL", "toTime", "html", "js");
    private static final String[] BIG = {"k", "M", "G", "T", "P", "E", "Z", "Y"};
    private static final String[] BIG_1024 = {"ki", "Mi", "Gi", "Ti", "Pi", "Ei", "Zi", "Yi"};
    private static final String[] SMALL = {"m", "u", "n", "p", "f", "a", "z", "y"};

    private TemplateFunctions() {}

    static boolean exists(String name) {
        return NAMES.contains(name);
    }

    static Object call(String name, List<Object> a) {
        return switch (name) {
            case "humanize" -> humanize(num(one(name, a)));
            case "humanize1024" -> humanize1024(num(one(name, a)));
            case "humanizeDuration" -> humanizeDuration(num(one(name, a)));
            case "humanizePercentage" -> GoFormat.g(num(one(name, a)) * 100, 4) + "%";
            case "humanizeTimestamp" -> humanizeTimestamp(num(one(name, a)));
            case "toUpper" -> str(one(name, a)).toUpperCase(Locale.ROOT);
            case "toLower" -> str(one(name, a)).toLowerCase(Locale.ROOT);
            case "title" -> title(str(one(name, a)));
            case "stripPort" -> stripPort(str(one(name, a)));
            case "stripDomain" -> stripDomain(str(one(name, a)));
            case "safeHtml", "html", "js" -> str(one(name, a));
            case "urlquery" -> URLEncoder.encode(str(one(name, a)), StandardCharsets.UTF_8);
            case "match" -> com.google.re2j.Pattern.compile(str(arg(a, 0))).matcher(str(arg(a, 1))).find();
            case "reReplaceAll" -> com.google.re2j.Pattern.compile(str(arg(a, 0))).matcher(str(arg(a, 2)))
                    .replaceAll(str(arg(a, 1)));
            case "parseDuration" -> PromDuration.parse(str(one(name, a))).toMillis() / 1000.0;
            case "printf" -> GoPrintf.format(str(arg(a, 0)), a.subList(1, a.size()));
            case "print" -> printAll(a, false);
            case "println" -> printAll(a, true) + "\n";
            case "len" -> (long) length(one(name, a));
            case "index" -> index(a);
            case "eq" -> eq(a);
            case "ne" -> !equal(arg(a, 0), arg(a, 1));
            case "lt" -> compare(arg(a, 0), arg(a, 1)) < 0;
            case "le" -> compare(arg(a, 0), arg(a, 1)) <= 0;
            case "gt" -> compare(arg(a, 0), arg(a, 1)) > 0;
            case "ge" -> compare(arg(a, 0), arg(a, 1)) >= 0;
            case "and" -> and(a);
            case "or" -> or(a);
            case "not" -> !TemplateEvaluator.truth(one(name, a));
            default -> throw new IllegalArgumentException("error calling " + name + ": not supported by the Loki ruler");
        };
    }

    /** Go's {@code fmt.Sprint} of one value. */
    static String print(Object v) {
        return switch (v) {
            case null -> "<no value>";
            case String s -> s;
            case Double d -> goV(d);
            case Map<?, ?> m -> {
                StringJoiner j = new StringJoiner(" ", "map[", "]");
                new TreeMap<>(m).forEach((k, x) -> j.add(print(k) + ":" + print(x)));
                yield j.toString();
            }
            case List<?> l -> {
                StringJoiner j = new StringJoiner(" ", "[", "]");
                l.forEach(x -> j.add(print(x)));
                yield j.toString();
            }
            default -> v.toString();
        };
    }

    /** Go's {@code %v} of a float64: shortest digits, exponent form below 1e-4 or from 1e6 (strconv precision 6 rule). */
    static String goV(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v) || v == 0) {
            return v == 0 ? (1 / v < 0 ? "-0" : "0") : GoFormat.shortestE(v);
        }
        BigDecimal d = new BigDecimal(Double.toString(v)).stripTrailingZeros();
        int exp = d.precision() - d.scale() - 1;
        if (exp < -4 || exp >= 6) {
            return GoFormat.shortestE(v);
        }
        return d.toPlainString();
    }

    static String humanize(double v) {
        if (v == 0 || Double.isNaN(v) || Double.isInfinite(v)) {
            return GoFormat.g(v, 4);
        }
        String prefix = "";
        if (Math.abs(v) >= 1) {
            for (String p : BIG) {
                if (Math.abs(v) < 1000) {
                    break;
                }
                prefix = p;
                v /= 1000;
            }
            return GoFormat.g(v, 4) + prefix;
        }
        for (String p : SMALL) {
            if (Math.abs(v) >= 1) {
                break;
            }
            prefix = p;
            v *= 1000;
        }
        return GoFormat.g(v, 4) + prefix;
    }

    static String humanize1024(double v) {
        if (Math.abs(v) <= 1 || Double.isNaN(v) || Double.isInfinite(v)) {
            return GoFormat.g(v, 4);
        }
        String prefix = "";
        for (String p : BIG_1024) {
            if (Math.abs(v) < 1024) {
                break;
            }
            prefix = p;
            v /= 1024;
        }
        return GoFormat.g(v, 4) + prefix;
    }

    static String humanizeDuration(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return GoFormat.g(v, 4);
        }
        if (v == 0) {
            return GoFormat.g(v, 4) + "s";
        }
        if (Math.abs(v) >= 1) {
            String sign = v < 0 ? "-" : "";
            v = Math.abs(v);
            long duration = (long) v;
            long seconds = duration % 60;
            long minutes = (duration / 60) % 60;
            long hours = (duration / 3600) % 24;
            long days = duration / 86400;
            if (days != 0) {
                return sign + days + "d " + hours + "h " + minutes + "m " + seconds + "s";
            }
            if (hours != 0) {
                return sign + hours + "h " + minutes + "m " + seconds + "s";
            }
            if (minutes != 0) {
                return sign + minutes + "m " + seconds + "s";
            }
            return sign + GoFormat.g(v, 4) + "s";
        }
        String prefix = "";
        for (String p : SMALL) {
            if (Math.abs(v) >= 1) {
                break;
            }
            prefix = p;
            v *= 1000;
        }
        return GoFormat.g(v, 4) + prefix + "s";
    }

    private static String humanizeTimestamp(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return GoFormat.g(v, 4);
        }
        BigDecimal nanos = new BigDecimal(v).multiply(BigDecimal.valueOf(1_000_000_000L))
                .round(new MathContext(19, RoundingMode.HALF_EVEN));
        Instant t = Instant.ofEpochSecond(0, nanos.longValue());
        String base = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC).format(t);
        String frac = t.getNano() == 0 ? "" : ("." + String.format("%09d", t.getNano())).replaceAll("0+$", "");
        return base + frac + " +0000 UTC";
    }

    private static String title(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        boolean start = true;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            sb.append(start ? Character.toTitleCase(c) : c);
            start = !Character.isLetterOrDigit(c) && c != '_' && c != '\'';
        }
        return sb.toString();
    }

    private static String stripPort(String hostPort) {
        if (hostPort.startsWith("[")) {
            int end = hostPort.indexOf(']');
            return end > 0 ? hostPort.substring(1, end) : hostPort;
        }
        int colon = hostPort.lastIndexOf(':');
        return colon >= 0 && hostPort.indexOf(':') == colon ? hostPort.substring(0, colon) : hostPort;
    }

    private static String stripDomain(String hostPort) {
        String host = stripPort(hostPort);
        String port = hostPort.length() > host.length() ? hostPort.substring(hostPort.lastIndexOf(':')) : "";
        if (host.contains(":") || host.matches("[0-9.]+")) {
            return hostPort;
        }
        int dot = host.indexOf('.');
        return (dot >= 0 ? host.substring(0, dot) : host) + port;
    }

    private static String printAll(List<Object> a, boolean spaces) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < a.size(); i++) {
            boolean bothNonString = i > 0 && !(a.get(i) instanceof String) && !(a.get(i - 1) instanceof String);
            if (i > 0 && (spaces || bothNonString)) {
                sb.append(' ');
            }
            sb.append(print(a.get(i)));
        }
        return sb.toString();
    }

    private static int length(Object v) {
        return switch (v) {
            case String s -> s.getBytes(StandardCharsets.UTF_8).length;
            case Map<?, ?> m -> m.size();
            case List<?> l -> l.size();
            case null, default -> throw new IllegalArgumentException("error calling len: len of type "
                    + (v == null ? "nil" : v.getClass().getSimpleName()));
        };
    }

    private static Object index(List<Object> a) {
        Object v = arg(a, 0);
        for (int i = 1; i < a.size(); i++) {
            Object k = a.get(i);
            if (v instanceof Map<?, ?> m) {
                Object x = m.get(print(k));
                v = x == null ? "" : x;
            } else if (v instanceof List<?> l && k instanceof Long n && n >= 0 && n < l.size()) {
                v = l.get(n.intValue());
            } else {
                throw new IllegalArgumentException("error calling index: cannot index " + print(v));
            }
        }
        return v;
    }

    private static boolean eq(List<Object> a) {
        Object first = arg(a, 0);
        if (a.size() < 2) {
            throw new IllegalArgumentException("error calling eq: missing argument for comparison");
        }
        for (int i = 1; i < a.size(); i++) {
            if (equal(first, a.get(i))) {
                return true;
            }
        }
        return false;
    }

    private static boolean equal(Object x, Object y) {
        if (x instanceof Number n && y instanceof Number m) {
            return n.doubleValue() == m.doubleValue();
        }
        return java.util.Objects.equals(x, y);
    }

    private static int compare(Object x, Object y) {
        if (x instanceof Number n && y instanceof Number m) {
            return Double.compare(n.doubleValue(), m.doubleValue());
        }
        if (x instanceof String s && y instanceof String t) {
            return s.compareTo(t);
        }
        throw new IllegalArgumentException("error calling compare: incompatible types for comparison");
    }

    private static Object and(List<Object> a) {
        Object v = arg(a, 0);
        for (Object x : a) {
            v = x;
            if (!TemplateEvaluator.truth(x)) {
                return x;
            }
        }
        return v;
    }

    private static Object or(List<Object> a) {
        Object v = arg(a, 0);
        for (Object x : a) {
            v = x;
            if (TemplateEvaluator.truth(x)) {
                return x;
            }
        }
        return v;
    }

    static double num(Object v) {
        return switch (v) {
            case Double d -> d;
            case Long l -> l;
            case String s -> {
                try {
                    yield Double.parseDouble(s.strip());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("strconv.ParseFloat: parsing " + Labels.quote(s)
                            + ": invalid syntax");
                }
            }
            case null, default -> throw new IllegalArgumentException("can't convert " + print(v) + " to float");
        };
    }

    static String str(Object v) {
        return v instanceof String s ? s : print(v);
    }

    private static Object one(String name, List<Object> a) {
        if (a.size() != 1) {
            throw new IllegalArgumentException("wrong number of args for " + name + ": want 1 got " + a.size());
        }
        return a.get(0);
    }

    private static Object arg(List<Object> a, int i) {
        if (i >= a.size()) {
            throw new IllegalArgumentException("wrong number of args: want at least " + (i + 1) + " got " + a.size());
        }
        return a.get(i);
    }

}
