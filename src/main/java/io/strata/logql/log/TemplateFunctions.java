package io.strata.logql.log;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The function map of Loki's templates ({@code pkg/logql/log/fmt.go}): Go's text/template
 * builtins, Loki's own functions and the sprig subset Loki registers. Values are Java objects:
 * String, Long (Go int/int64), Double (float64), Boolean, {@link GoTime}, Map, List, null (nil).
 * A function's own failure is a RuntimeException ("error calling f: …"); wrong arity or
 * argument types are {@link ArgumentError}s.
 */
final class TemplateFunctions {
    static final Set<String> NAMES = Set.of(
            // Go builtins
            "and", "or", "not", "len", "index", "slice", "print", "printf", "println", "eq", "ne", "lt", "le",
            "gt", "ge", "html", "js", "urlquery", "call",
            // Loki
            "__line__", "__timestamp__", "ToLower", "ToUpper", "Replace", "Trim", "TrimLeft", "TrimRight",
            "TrimPrefix", "TrimSuffix", "TrimSpace", "regexReplaceAll", "regexReplaceAllLiteral", "count",
            "urldecode", "urlencode", "bytes", "duration", "duration_seconds", "unixEpochMillis", "unixEpochNanos",
            "toDateInZone", "unixToTime", "alignLeft", "alignRight", "b64dec",
            // sprig
            "b64enc", "lower", "upper", "title", "trunc", "substr", "contains", "hasPrefix", "hasSuffix", "indent",
            "nindent", "replace", "repeat", "trim", "trimAll", "trimSuffix", "trimPrefix", "int", "float64", "add",
            "sub", "mul", "div", "mod", "addf", "subf", "mulf", "divf", "max", "min", "maxf", "minf", "ceil", "floor",
            "round", "fromJson", "date", "toDate", "now", "unixEpoch", "default");

    /** Wrong arity or argument type (reported without the "error calling" prefix, as Go does). */
    static final class ArgumentError extends RuntimeException {
        ArgumentError(String message) {
            super(message, null, false, false);
        }
    }

    private TemplateFunctions() {}

    static Object call(String fn, List<Object> a, Template.State st) {
        return switch (fn) {
            case "__line__" -> { arity(fn, a, 0); yield st.line; }
            case "__timestamp__" -> { arity(fn, a, 0); yield GoTime.ofNanos(st.ts); }
            case "and" -> { atLeast(fn, a, 1); Object r = a.get(0); for (Object o : a) { r = o; if (!truth(o)) { break; } } yield r; }
            case "or" -> { atLeast(fn, a, 1); Object r = a.get(0); for (Object o : a) { r = o; if (truth(o)) { break; } } yield r; }
            case "not" -> { arity(fn, a, 1); yield !truth(a.get(0)); }
            case "len" -> { arity(fn, a, 1); yield length(a.get(0)); }
            case "index" -> index(a);
            case "slice" -> slice(a);
            case "print" -> GoFormat.sprint(a);
            case "println" -> GoFormat.sprintln(a);
            case "printf" -> { atLeast(fn, a, 1); yield GoFormat.sprintf(str(a.get(0)), a.subList(1, a.size())); }
            case "eq" -> { atLeast(fn, a, 2); boolean r = false; for (int i = 1; i < a.size(); i++) { r |= compare(a.get(0), a.get(i), true) == 0; } yield r; }
            case "ne" -> { arity(fn, a, 2); yield compare(a.get(0), a.get(1), true) != 0; }
            case "lt" -> { arity(fn, a, 2); yield compare(a.get(0), a.get(1), false) < 0; }
            case "le" -> { arity(fn, a, 2); yield compare(a.get(0), a.get(1), false) <= 0; }
            case "gt" -> { arity(fn, a, 2); yield compare(a.get(0), a.get(1), false) > 0; }
            case "ge" -> { arity(fn, a, 2); yield compare(a.get(0), a.get(1), false) >= 0; }
            case "html" -> GoFormat.html(GoFormat.sprint(a));
            case "js" -> GoFormat.js(GoFormat.sprint(a));
            case "urlquery" -> URLEncoder.encode(GoFormat.sprint(a), StandardCharsets.UTF_8);
            case "call" -> throw new ArgumentError("call of nil");
            case "ToLower", "lower" -> { arity(fn, a, 1); yield str(a.get(0)).toLowerCase(java.util.Locale.ROOT); }
            case "ToUpper", "upper" -> { arity(fn, a, 1); yield str(a.get(0)).toUpperCase(java.util.Locale.ROOT); }
            case "TrimSpace", "trim" -> { arity(fn, a, 1); yield GoStrings.trimSpace(str(a.get(0))); }
            case "Replace" -> { arity(fn, a, 4); yield GoStrings.replace(str(a.get(0)), str(a.get(1)), str(a.get(2)), (int) integer(a.get(3))); }
            case "Trim" -> { arity(fn, a, 2); yield GoStrings.trim(str(a.get(0)), str(a.get(1)), true, true); }
            case "TrimLeft" -> { arity(fn, a, 2); yield GoStrings.trim(str(a.get(0)), str(a.get(1)), true, false); }
            case "TrimRight" -> { arity(fn, a, 2); yield GoStrings.trim(str(a.get(0)), str(a.get(1)), false, true); }
            case "TrimPrefix" -> { arity(fn, a, 2); yield trimPrefix(str(a.get(0)), str(a.get(1))); }
            case "TrimSuffix" -> { arity(fn, a, 2); yield trimSuffix(str(a.get(0)), str(a.get(1))); }
            case "trimAll" -> { arity(fn, a, 2); yield GoStrings.trim(str(a.get(1)), str(a.get(0)), true, true); }
            case "trimPrefix" -> { arity(fn, a, 2); yield trimPrefix(str(a.get(1)), str(a.get(0))); }
            case "trimSuffix" -> { arity(fn, a, 2); yield trimSuffix(str(a.get(1)), str(a.get(0))); }
            case "regexReplaceAll" -> { arity(fn, a, 3); yield regex(str(a.get(0))).matcher(str(a.get(1))).replaceAll(goExpand(str(a.get(2)))); }
            case "regexReplaceAllLiteral" -> { arity(fn, a, 3); yield regex(str(a.get(0))).matcher(str(a.get(1))).replaceAll(Matcher.quoteReplacement(str(a.get(2)))); }
            case "count" -> { arity(fn, a, 2); Matcher m = regex(str(a.get(0))).matcher(str(a.get(1))); long n = 0; while (m.find()) { n++; } yield n; }
            case "urlencode" -> { arity(fn, a, 1); yield URLEncoder.encode(str(a.get(0)), StandardCharsets.UTF_8).replace("*", "%2A").replace("%7E", "~"); }
            case "urldecode" -> { arity(fn, a, 1); yield urldecode(str(a.get(0))); }
            case "bytes" -> { arity(fn, a, 1); yield GoValues.parseBytes(str(a.get(0))); }
            case "duration", "duration_seconds" -> { arity(fn, a, 1); yield GoValues.parseDurationNanos(str(a.get(0))) / 1e9; }
            case "unixEpochMillis" -> { arity(fn, a, 1); yield Long.toString(time(a.get(0)).unixMillis()); }
            case "unixEpochNanos" -> { arity(fn, a, 1); yield Long.toString(time(a.get(0)).unixNanos()); }
            case "unixEpoch" -> { arity(fn, a, 1); yield Long.toString(time(a.get(0)).unixSeconds()); }
            case "unixToTime" -> { arity(fn, a, 1); yield unixToTime(str(a.get(0))); }
            case "toDateInZone" -> { arity(fn, a, 3); yield toDate(str(a.get(0)), str(a.get(2)), zone(str(a.get(1)))); }
            case "toDate" -> { arity(fn, a, 2); yield toDate(str(a.get(0)), str(a.get(1)), ZoneOffset.UTC); }
            case "now" -> { arity(fn, a, 0); yield GoTime.ofNanos(System.currentTimeMillis() * 1_000_000L); }
            case "date" -> { arity(fn, a, 2); yield dateValue(a.get(1)).format(str(a.get(0))); }
            case "alignLeft" -> { arity(fn, a, 2); yield GoStrings.align((int) integer(a.get(0)), str(a.get(1)), true); }
            case "alignRight" -> { arity(fn, a, 2); yield GoStrings.align((int) integer(a.get(0)), str(a.get(1)), false); }
            case "b64enc" -> { arity(fn, a, 1); yield Base64.getEncoder().encodeToString(GoFormat.sprint(List.of(a.get(0))).getBytes(StandardCharsets.UTF_8)); }
            case "b64dec" -> { arity(fn, a, 1); yield b64dec(str(a.get(0))); }
            case "title" -> { arity(fn, a, 1); yield GoStrings.title(str(a.get(0))); }
            case "trunc" -> { arity(fn, a, 2); yield GoStrings.trunc((int) integer(a.get(0)), str(a.get(1))); }
            case "substr" -> { arity(fn, a, 3); yield GoStrings.substring((int) integer(a.get(0)), (int) integer(a.get(1)), str(a.get(2))); }
            case "contains" -> { arity(fn, a, 2); yield str(a.get(1)).contains(str(a.get(0))); }
            case "hasPrefix" -> { arity(fn, a, 2); yield str(a.get(1)).startsWith(str(a.get(0))); }
            case "hasSuffix" -> { arity(fn, a, 2); yield str(a.get(1)).endsWith(str(a.get(0))); }
            case "indent" -> { arity(fn, a, 2); yield GoStrings.indent((int) integer(a.get(0)), str(a.get(1))); }
            case "nindent" -> { arity(fn, a, 2); yield "\n" + GoStrings.indent((int) integer(a.get(0)), str(a.get(1))); }
            case "replace" -> { arity(fn, a, 3); yield str(a.get(2)).replace(str(a.get(0)), str(a.get(1))); }
            case "repeat" -> { arity(fn, a, 2); yield GoStrings.repeat((int) integer(a.get(0)), str(a.get(1))); }
            case "int" -> { arity(fn, a, 1); yield SprigNumbers.toInt64(a.get(0)); }
            case "float64" -> { arity(fn, a, 1); yield SprigNumbers.toFloat64(a.get(0)); }
            case "add", "sub", "mul", "div", "mod", "max", "min", "addf", "subf", "mulf", "divf", "maxf", "minf",
                    "ceil", "floor", "round" -> SprigNumbers.call(fn, a);
            case "fromJson" -> { arity(fn, a, 1); yield SprigNumbers.fromJson(str(a.get(0))); }
            case "default" -> { atLeast(fn, a, 1); yield a.size() < 2 || !truth(a.get(1)) ? a.get(0) : a.get(1); }
            default -> throw new ArgumentError("function \"" + fn + "\" not defined");
        };
    }

    static boolean truth(Object v) {
        if (v == null) {
            return false;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof String s) {
            return !s.isEmpty();
        }
        if (v instanceof Long l) {
            return l != 0;
        }
        if (v instanceof Double d) {
            return d != 0;
        }
        if (v instanceof Map<?, ?> m) {
            return !m.isEmpty();
        }
        if (v instanceof List<?> l) {
            return !l.isEmpty();
        }
        if (v instanceof GoTime) {
            return true;
        }
        return true;
    }

    static String typeName(Object v) {
        if (v == null) {
            return "<nil>";
        }
        return switch (v) {
            case String s -> "string";
            case Long l -> "int";
            case Double d -> "float64";
            case Boolean b -> "bool";
            case GoTime t -> "time.Time";
            case Map<?, ?> m -> "map[string]interface {}";
            case List<?> l -> "[]interface {}";
            default -> v.getClass().getSimpleName();
        };
    }

    private static void arity(String fn, List<Object> a, int n) {
        if (a.size() != n) {
            throw new ArgumentError("wrong number of args for " + fn + ": want " + n + " got " + a.size());
        }
    }

    private static void atLeast(String fn, List<Object> a, int n) {
        if (a.size() < n) {
            throw new ArgumentError("wrong number of args for " + fn + ": want at least " + n + " got " + a.size());
        }
    }

    static String str(Object v) {
        if (v instanceof String s) {
            return s;
        }
        throw new ArgumentError("wrong type for value; expected string; got " + typeName(v));
    }

    static long integer(Object v) {
        if (v instanceof Long l) {
            return l;
        }
        throw new ArgumentError("wrong type for value; expected int; got " + typeName(v));
    }

    private static GoTime time(Object v) {
        if (v instanceof GoTime t) {
            return t;
        }
        throw new ArgumentError("wrong type for value; expected time.Time; got " + typeName(v));
    }

    private static GoTime dateValue(Object v) {
        if (v instanceof GoTime t) {
            return t;
        }
        if (v instanceof Long l) {
            return GoTime.ofNanos(l * 1_000_000_000L);
        }
        return GoTime.ofNanos(System.currentTimeMillis() * 1_000_000L);
    }

    private static Object length(Object v) {
        return switch (v) {
            case String s -> (long) s.getBytes(StandardCharsets.UTF_8).length;
            case Map<?, ?> m -> (long) m.size();
            case List<?> l -> (long) l.size();
            case null -> throw new ArgumentError("error calling len: len of nil pointer");
            default -> throw new RuntimeException("len of type " + typeName(v));
        };
    }

    private static Object index(List<Object> a) {
        if (a.isEmpty()) {
            throw new ArgumentError("wrong number of args for index: want at least 1 got 0");
        }
        Object v = a.get(0);
        for (int i = 1; i < a.size(); i++) {
            Object k = a.get(i);
            if (v instanceof Map<?, ?> m) {
                v = m.get(k);
            } else if (v instanceof List<?> l && k instanceof Long n) {
                if (n < 0 || n >= l.size()) {
                    throw new RuntimeException("index out of range: " + n);
                }
                v = l.get((int) (long) n);
            } else if (v instanceof String s && k instanceof Long n) {
                byte[] b = s.getBytes(StandardCharsets.UTF_8);
                if (n < 0 || n >= b.length) {
                    throw new RuntimeException("index out of range: " + n);
                }
                v = (long) (b[(int) (long) n] & 0xFF);
            } else {
                throw new RuntimeException("can't index item of type " + typeName(v));
            }
        }
        return v;
    }

    private static Object slice(List<Object> a) {
        Object v = a.get(0);
        if (!(v instanceof String s)) {
            if (v instanceof List<?> l) {
                int from = a.size() > 1 ? (int) integer(a.get(1)) : 0;
                int to = a.size() > 2 ? (int) integer(a.get(2)) : l.size();
                return List.copyOf(l.subList(from, to));
            }
            throw new RuntimeException("can't slice item of type " + typeName(v));
        }
        int from = a.size() > 1 ? (int) integer(a.get(1)) : 0;
        int to = a.size() > 2 ? (int) integer(a.get(2)) : s.length();
        if (from < 0 || to > s.length() || from > to) {
            throw new RuntimeException("index out of range: " + to);
        }
        return s.substring(from, to);
    }

    /** Go template comparison: basic kinds only; numbers of different kinds are incompatible. */
    private static int compare(Object x, Object y, boolean equality) {
        if (x instanceof Long a && y instanceof Long b) {
            return Long.compare(a, b);
        }
        if (x instanceof Double a && y instanceof Double b) {
            return a.equals(b) ? 0 : Double.compare(a, b);
        }
        if (x instanceof String a && y instanceof String b) {
            return a.compareTo(b);
        }
        if (equality && x instanceof Boolean a && y instanceof Boolean b) {
            return a == b ? 0 : 1;
        }
        if (equality && x == null && y == null) {
            return 0;
        }
        if (x == null || y == null || x instanceof Boolean || x instanceof Map || x instanceof List) {
            throw new RuntimeException(equality ? "incompatible types for comparison" : "invalid type for comparison");
        }
        throw new RuntimeException("incompatible types for comparison");
    }

    private static String trimPrefix(String s, String p) {
        return s.startsWith(p) ? s.substring(p.length()) : s;
    }

    private static String trimSuffix(String s, String p) {
        return s.endsWith(p) ? s.substring(0, s.length() - p.length()) : s;
    }

    private static Pattern regex(String re) {
        try {
            return Pattern.compile(re);
        } catch (com.google.re2j.PatternSyntaxException e) {
            throw new RuntimeException("error parsing regexp: " + e.getMessage());
        }
    }

    /** Go's {@code $1}/{@code ${name}} expansion to RE2J's syntax (same for the common forms). */
    private static String goExpand(String repl) {
        return repl.replace("$$", "\\$");
    }

    private static String urldecode(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '%') {
                if (i + 2 >= s.length() || Character.digit(s.charAt(i + 1), 16) < 0 || Character.digit(s.charAt(i + 2), 16) < 0) {
                    String bad = s.substring(i, Math.min(s.length(), i + 3));
                    throw new RuntimeException("invalid URL escape " + io.strata.model.Labels.quote(bad));
                }
            }
        }
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private static GoTime unixToTime(String epoch) {
        long v;
        try {
            v = Long.parseLong(epoch);
        } catch (NumberFormatException e) {
            throw new RuntimeException("unable to parse time '" + epoch + "': strconv.ParseInt: parsing "
                    + io.strata.model.Labels.quote(epoch) + ": invalid syntax");
        }
        return switch (epoch.length()) {
            case 5 -> GoTime.ofNanos(v * 86400L * 1_000_000_000L);
            case 10 -> GoTime.ofNanos(v * 1_000_000_000L);
            case 13 -> GoTime.ofNanos(v * 1_000_000L);
            case 16 -> GoTime.ofNanos(v * 1_000L);
            case 19 -> GoTime.ofNanos(v);
            default -> throw new RuntimeException("unable to parse time '" + epoch + "': %!w(<nil>)");
        };
    }

    private static ZoneId zone(String z) {
        try {
            return z.isEmpty() || z.equals("UTC") ? ZoneOffset.UTC : ZoneId.of(z);
        } catch (RuntimeException e) {
            return ZoneOffset.UTC;
        }
    }

    private static GoTime toDate(String layout, String value, ZoneId zone) {
        try {
            return GoTime.parse(layout, value, zone);
        } catch (RuntimeException e) {
            return GoTime.ZERO;
        }
    }

    private static String b64dec(String v) {
        int rem = v.length() % 4;
        if (rem != 0 && rem != 1) {
            v = v + "=".repeat(4 - rem);
        }
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/' || c == '=';
            if (!ok) {
                return "illegal base64 data at input byte " + i;
            }
        }
        try {
            return new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return "illegal base64 data at input byte " + Math.max(0, v.length() - 1);
        }
    }
}
