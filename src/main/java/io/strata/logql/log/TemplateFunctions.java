package io.strata.logql.log;

import static io.strata.logql.log.TemplateBuiltins.arity;
import static io.strata.logql.log.TemplateBuiltins.atLeast;
import static io.strata.logql.log.TemplateBuiltins.integer;
import static io.strata.logql.log.TemplateBuiltins.str;
import static io.strata.logql.log.TemplateBuiltins.truth;

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
 * builtins ({@link TemplateBuiltins}), Loki's own functions and the sprig subset Loki registers. Values are Java objects:
 * String, Long (Go int/int64), Double (float64), Boolean, {@link GoTime}, Map, List, null (nil).
 * A function's own failure is a RuntimeException ("error calling f: …"); wrong arity or
 * argument types are {@link ArgumentError}s.
 */
final class TemplateFunctions implements TemplateFunctionMap {
    private static final Set<String> OWN = Set.of(
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
    static final TemplateFunctions INSTANCE = new TemplateFunctions();

    private TemplateFunctions() {}

    @Override
    public boolean defines(String name) {
        return OWN.contains(name) || TemplateBuiltins.NAMES.contains(name);
    }

    @Override
    public Object call(String fn, List<Object> a, Template.State st) {
        return switch (fn) {
            case "__line__" -> { arity(fn, a, 0); yield st.line(); }
            case "__timestamp__" -> { arity(fn, a, 0); yield GoTime.ofNanos(st.timestampNanos()); }
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
            default -> TemplateBuiltins.call(fn, a);
        };
    }

    private static GoTime time(Object v) {
        return TemplateBuiltins.argument(v, GoTime.class, "time.Time");
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
