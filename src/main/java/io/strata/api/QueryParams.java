package io.strata.api;

import io.strata.config.PrometheusDuration;
import io.strata.model.Direction;
import io.strata.model.StrataException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Loki's query parameter parsing ({@code pkg/loghttp/params.go}, {@code query.go}) with its error
 * texts, independent of the HTTP library: give it a lookup of the first value and of all values of
 * a parameter (URL query and form body merged). Times are Unix nanoseconds.
 */
public final class QueryParams {
    public static final int DEFAULT_LIMIT = 100;
    public static final Duration DEFAULT_SINCE = Duration.ofHours(1);

    private final Function<String, String> first;
    private final Function<String, List<String>> all;
    private final long nowNanos;

    public QueryParams(Function<String, String> first, Function<String, List<String>> all, long nowNanos) {
        this.first = first;
        this.all = all;
        this.nowNanos = nowNanos;
    }

    /** A time window {@code [start, end]} in Unix nanoseconds. */
    public record Bounds(long startNanos, long endNanos) {}

    public String get(String name) {
        String v = first.apply(name);
        return v == null ? "" : v;
    }

    public List<String> getAll(String name) {
        List<String> v = all.apply(name);
        return v == null ? List.of() : v;
    }

    public String query() {
        return get("query");
    }

    /** {@code start}/{@code end}/{@code since} with Loki's defaults (end = now, start = min(end, now) - since). */
    public Bounds bounds() {
        Duration since = DEFAULT_SINCE;
        String sinceText = get("since");
        if (!sinceText.isEmpty()) {
            try {
                since = PrometheusDuration.parse(sinceText);
            } catch (IllegalArgumentException e) {
                throw StrataException.badRequest("could not parse 'since' parameter: " + e.getMessage());
            }
        }
        long end;
        try {
            end = parseTimestamp(get("end"), nowNanos);
        } catch (StrataException e) {
            throw StrataException.badRequest("could not parse 'end' parameter: " + e.getMessage());
        }
        long endOrNow = Math.min(end, nowNanos);
        long start;
        try {
            start = parseTimestamp(get("start"), saturatedSub(endOrNow, since));
        } catch (StrataException e) {
            throw StrataException.badRequest("could not parse 'start' parameter: " + e.getMessage());
        }
        return new Bounds(start, end);
    }

    /** Bounds that must not be reversed (query_range, labels, series...). */
    public Bounds orderedBounds() {
        Bounds b = bounds();
        if (b.endNanos() < b.startNanos()) {
            throw StrataException.badRequest("end timestamp must not be before or equal to start time");
        }
        return b;
    }

    /** The {@code time} of an instant query, default now. */
    public long time() {
        return parseTimestamp(get("time"), nowNanos);
    }

    public int limit() {
        String v = get("limit");
        if (v.isEmpty()) {
            return DEFAULT_LIMIT;
        }
        long l;
        try {
            l = Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw StrataException.badRequest("strconv.Atoi: parsing " + goQuote(v) + ": "
                    + (v.matches("[+-]?[0-9]+") ? "value out of range" : "invalid syntax"));
        }
        if (l <= 0) {
            throw StrataException.badRequest("limit must be a positive value");
        }
        if (l > 0xFFFFFFFFL) {
            throw StrataException.badRequest("limit value " + l + " is out of range [0, 4294967295]");
        }
        return (int) Math.min(l, Integer.MAX_VALUE);
    }

    public Direction direction() {
        String v = get("direction");
        if (v.isEmpty()) {
            return Direction.BACKWARD;
        }
        return switch (v.toUpperCase(Locale.ROOT)) {
            case "FORWARD" -> Direction.FORWARD;
            case "BACKWARD" -> Direction.BACKWARD;
            default -> throw StrataException.badRequest("invalid direction '" + v + "'");
        };
    }

    /** {@code step} in nanoseconds: default max(floor(range seconds / 250), 1) s; validated like Loki. */
    public long step(Bounds b) {
        String v = get("step");
        long step;
        if (v.isEmpty()) {
            step = Math.max((long) Math.floor((b.endNanos() - b.startNanos()) / 1e9 / 250), 1) * 1_000_000_000L;
        } else {
            step = secondsOrDuration(v);
        }
        if (step <= 0) {
            throw StrataException.badRequest(
                    "zero or negative query resolution step widths are not accepted. Try a positive integer");
        }
        if ((b.endNanos() - b.startNanos()) / step > 11000) {
            throw StrataException.badRequest("exceeded maximum resolution of 11,000 points per time series. "
                    + "Try increasing the value of the step parameter");
        }
        return step;
    }

    /** {@code interval} in nanoseconds, 0 when absent. */
    public long interval() {
        String v = get("interval");
        if (v.isEmpty()) {
            return 0;
        }
        long interval = secondsOrDuration(v);
        if (interval < 0) {
            throw StrataException.badRequest("interval must be >= 0");
        }
        return interval;
    }

    /** Loki's {@code parseSecondsOrDuration}: float seconds or a Prometheus duration, in nanoseconds. */
    static long secondsOrDuration(String v) {
        try {
            double seconds = Double.parseDouble(v);
            if (!v.matches("[+-]?[0-9]*\\.?[0-9]*([eE][+-]?[0-9]+)?")) {
                throw new NumberFormatException();
            }
            double ns = seconds * 1e9;
            if (Double.isNaN(ns) || ns > Long.MAX_VALUE || ns < Long.MIN_VALUE) {
                throw StrataException.badRequest("cannot parse " + goQuote(v) + " to a valid duration. It overflows int64");
            }
            return (long) ns;
        } catch (NumberFormatException e) {
            try {
                return PrometheusDuration.parse(v).toNanos();
            } catch (IllegalArgumentException | ArithmeticException e2) {
                throw StrataException.badRequest("cannot parse " + goQuote(v) + " to a valid duration");
            }
        }
    }

    /**
     * Loki's {@code parseTimestamp}: empty = default; with a {@code .} and a valid float = seconds
     * (fraction rounded to ms); an integer of at most 10 characters = seconds, longer = nanoseconds;
     * else RFC3339 (with or without fraction); else the Go error text.
     */
    public static long parseTimestamp(String value, long defaultNanos) {
        if (value == null || value.isEmpty()) {
            return defaultNanos;
        }
        if (value.indexOf('.') >= 0 && value.matches("[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?")) {
            BigDecimal d = new BigDecimal(value);
            BigDecimal whole = d.setScale(0, RoundingMode.DOWN);
            BigDecimal frac = d.subtract(whole).setScale(3, RoundingMode.HALF_UP);
            return whole.longValue() * 1_000_000_000L + frac.movePointRight(9).longValue();
        }
        long n;
        try {
            n = Long.parseLong(value);
        } catch (NumberFormatException e) {
            try {
                OffsetDateTime t = OffsetDateTime.parse(value, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
                return t.toEpochSecond() * 1_000_000_000L + t.getNano();
            } catch (DateTimeParseException e2) {
                throw StrataException.badRequest("strconv.ParseInt: parsing " + goQuote(value) + ": "
                        + (value.matches("[+-]?[0-9]+") ? "value out of range" : "invalid syntax"));
            }
        }
        if (value.length() <= 10) {
            return n * 1_000_000_000L;
        }
        return n;
    }

    private static long saturatedSub(long nanos, Duration d) {
        long dn;
        try {
            dn = d.toNanos();
        } catch (ArithmeticException e) {
            return Long.MIN_VALUE;
        }
        long r = nanos - dn;
        return ((nanos ^ dn) & (nanos ^ r)) < 0 ? Long.MIN_VALUE : r;
    }

    static String goQuote(String s) {
        return io.strata.model.Labels.quote(s);
    }
}
