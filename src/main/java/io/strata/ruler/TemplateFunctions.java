package io.strata.ruler;

import io.strata.config.PrometheusDuration;
import io.strata.logql.log.GoFloats;
import io.strata.logql.log.GoFormat;
import io.strata.logql.log.Template;
import io.strata.logql.log.TemplateBuiltins;
import io.strata.logql.log.TemplateFunctionMap;
import io.strata.model.Labels;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The function map of Prometheus alert templates: {@code humanize*}, {@code toUpper},
 * {@code reReplaceAll}, ... on top of Go's builtins ({@link TemplateBuiltins}: {@code printf},
 * {@code eq}, {@code index}, ...). The query functions ({@code query}, {@code first}, ...) exist, so
 * templates using them parse, but fail when called: the Loki ruler has no PromQL. Stateless.
 */
final class TemplateFunctions implements TemplateFunctionMap {
    static final TemplateFunctions INSTANCE = new TemplateFunctions();
    private static final Set<String> OWN = Set.of("humanize", "humanize1024", "humanizeDuration",
            "humanizePercentage", "humanizeTimestamp", "toUpper", "toLower", "title", "stripPort", "stripDomain",
            "match", "reReplaceAll", "parseDuration", "safeHtml", "query", "first", "label", "value",
            "sortByLabel", "args", "tmpl", "pathPrefix", "externalURL", "toTime");
    private static final String[] BIG = {"k", "M", "G", "T", "P", "E", "Z", "Y"};
    private static final String[] BIG_1024 = {"ki", "Mi", "Gi", "Ti", "Pi", "Ei", "Zi", "Yi"};
    private static final String[] SMALL = {"m", "u", "n", "p", "f", "a", "z", "y"};

    private TemplateFunctions() {}

    @Override
    public boolean defines(String name) {
        return OWN.contains(name) || TemplateBuiltins.NAMES.contains(name);
    }

    @Override
    public Object call(String name, List<Object> a, Template.State state) {
        return switch (name) {
            case "humanize" -> humanize(num(one(name, a)));
            case "humanize1024" -> humanize1024(num(one(name, a)));
            case "humanizeDuration" -> humanizeDuration(num(one(name, a)));
            case "humanizePercentage" -> GoFloats.g(num(one(name, a)) * 100, 4) + "%";
            case "humanizeTimestamp" -> humanizeTimestamp(num(one(name, a)));
            case "toUpper" -> str(one(name, a)).toUpperCase(Locale.ROOT);
            case "toLower" -> str(one(name, a)).toLowerCase(Locale.ROOT);
            case "title" -> title(str(one(name, a)));
            case "stripPort" -> stripPort(str(one(name, a)));
            case "stripDomain" -> stripDomain(str(one(name, a)));
            case "safeHtml" -> str(one(name, a));
            case "match" -> com.google.re2j.Pattern.compile(str(arg(a, 0))).matcher(str(arg(a, 1))).find();
            case "reReplaceAll" -> com.google.re2j.Pattern.compile(str(arg(a, 0))).matcher(str(arg(a, 2)))
                    .replaceAll(str(arg(a, 1)));
            case "parseDuration" -> PrometheusDuration.parse(str(one(name, a))).toMillis() / 1000.0;
            case "query", "first", "label", "value", "sortByLabel", "args", "tmpl", "pathPrefix", "externalURL",
                    "toTime" -> throw new UnsupportedOperationException("not supported by the Loki ruler");
            default -> TemplateBuiltins.call(name, a);
        };
    }

    static String humanize(double v) {
        if (v == 0 || Double.isNaN(v) || Double.isInfinite(v)) {
            return GoFloats.g(v, 4);
        }
        return Math.abs(v) >= 1 ? scaledDown(v, 1000, BIG) : scaledUp(v, "");
    }

    static String humanize1024(double v) {
        if (Math.abs(v) <= 1 || Double.isNaN(v) || Double.isInfinite(v)) {
            return GoFloats.g(v, 4);
        }
        return scaledDown(v, 1024, BIG_1024);
    }

    /** {@code %.4g} of v divided by {@code base} while it is at least that, with the prefix of the last division. */
    private static String scaledDown(double v, double base, String[] prefixes) {
        String prefix = "";
        for (String p : prefixes) {
            if (Math.abs(v) < base) {
                break;
            }
            prefix = p;
            v /= base;
        }
        return GoFloats.g(v, 4) + prefix;
    }

    /** {@code %.4g} of v times 1000 while it is below 1, with the prefix ({@code m u n ...}) and {@code unit}. */
    private static String scaledUp(double v, String unit) {
        String prefix = "";
        for (String p : SMALL) {
            if (Math.abs(v) >= 1) {
                break;
            }
            prefix = p;
            v *= 1000;
        }
        return GoFloats.g(v, 4) + prefix + unit;
    }

    static String humanizeDuration(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return GoFloats.g(v, 4);
        }
        if (v == 0) {
            return GoFloats.g(v, 4) + "s";
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
            return sign + GoFloats.g(v, 4) + "s";
        }
        return scaledUp(v, "s");
    }

    private static String humanizeTimestamp(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return GoFloats.g(v, 4);
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
            case null, default -> throw new IllegalArgumentException("can't convert " + GoFormat.print(v) + " to float");
        };
    }

    static String str(Object v) {
        return v instanceof String s ? s : GoFormat.print(v);
    }

    private static Object one(String name, List<Object> a) {
        if (a.size() != 1) {
            throw new ArgumentError("wrong number of args for " + name + ": want 1 got " + a.size());
        }
        return a.get(0);
    }

    private static Object arg(List<Object> a, int i) {
        if (i >= a.size()) {
            throw new ArgumentError("wrong number of args: want at least " + (i + 1) + " got " + a.size());
        }
        return a.get(i);
    }

}
