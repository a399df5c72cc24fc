package io.strata.config;

import java.time.Duration;
import java.util.regex.Pattern;

/**
 * Durations as Prometheus and Loki write them ({@code model.Duration}): {@code 1h30m}, {@code 7d},
 * {@code 500ms}, units {@code y w d h m s ms} in that order, each at most once; {@code 0} alone is
 * allowed. Also renders durations the way Go's {@code time.Duration.String} does, which is the
 * form Loki uses in its error messages ({@code 960h0m0s}).
 */
public final class PrometheusDuration {
    private static final Pattern FORM = Pattern.compile(
            "^(([0-9]+)y)?(([0-9]+)w)?(([0-9]+)d)?(([0-9]+)h)?(([0-9]+)m)?(([0-9]+)s)?(([0-9]+)ms)?$");
    private static final long[] UNIT_MS = {
        365L * 24 * 3600 * 1000, 7L * 24 * 3600 * 1000, 24L * 3600 * 1000, 3600 * 1000L, 60 * 1000L, 1000L, 1L
    };

    private PrometheusDuration() {}

    /** Parses a Prometheus duration; the exception message is Prometheus' text. */
    public static Duration parse(String text) {
        if (text.isEmpty()) {
            throw new IllegalArgumentException("empty duration string");
        }
        if (text.equals("0")) {
            return Duration.ZERO;
        }
        var m = FORM.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a valid duration string: \"" + text + "\"");
        }
        long ms = 0;
        for (int i = 0; i < UNIT_MS.length; i++) {
            String g = m.group(2 * i + 2);
            if (g != null) {
                try {
                    ms = Math.addExact(ms, Math.multiplyExact(Long.parseLong(g), UNIT_MS[i]));
                } catch (ArithmeticException | NumberFormatException e) {
                    throw new IllegalArgumentException("duration out of range");
                }
            }
        }
        return Duration.ofMillis(ms);
    }

    /** Go's {@code time.Duration.String()}: {@code 721h0m0s}, {@code 1m30s}, {@code 500ms}, {@code 0s}. */
    public static String formatGo(Duration d) {
        long nanos;
        try {
            nanos = d.toNanos();
        } catch (ArithmeticException e) {
            nanos = Long.MAX_VALUE;
        }
        if (nanos == 0) {
            return "0s";
        }
        StringBuilder sb = new StringBuilder();
        if (nanos < 0) {
            sb.append('-');
            nanos = -nanos;
        }
        if (nanos < 1_000_000_000L) {
            if (nanos < 1_000) {
                return sb.append(nanos).append("ns").toString();
            } else if (nanos < 1_000_000) {
                return sb.append(fraction(nanos, 1_000)).append("µs").toString();
            }
            return sb.append(fraction(nanos, 1_000_000)).append("ms").toString();
        }
        long hours = nanos / 3_600_000_000_000L;
        long rest = nanos % 3_600_000_000_000L;
        long minutes = rest / 60_000_000_000L;
        rest = rest % 60_000_000_000L;
        if (hours > 0) {
            sb.append(hours).append('h');
        }
        if (hours > 0 || minutes > 0) {
            sb.append(minutes).append('m');
        }
        return sb.append(fraction(rest, 1_000_000_000L)).append('s').toString();
    }

    /** Prometheus' {@code model.Duration.String()}: {@code 30d1h}, {@code 1w}, {@code 0s}. */
    public static String formatPrometheus(Duration d) {
        long ms = d.toMillis();
        if (ms == 0) {
            return "0s";
        }
        String[] names = {"y", "w", "d", "h", "m", "s", "ms"};
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < UNIT_MS.length; i++) {
            if (i < 2 && ms % UNIT_MS[i] != 0) {
                continue; // years and weeks only when exact, as Prometheus prints 90d rather than 12w6d
            }
            long n = ms / UNIT_MS[i];
            if (n > 0) {
                sb.append(n).append(names[i]);
                ms -= n * UNIT_MS[i];
            }
        }
        return sb.toString();
    }

    private static String fraction(long value, long unit) {
        long whole = value / unit;
        long frac = value % unit;
        if (frac == 0) {
            return Long.toString(whole);
        }
        String digits = Long.toString(unit + frac).substring(1);
        int end = digits.length();
        while (end > 0 && digits.charAt(end - 1) == '0') {
            end--;
        }
        return whole + "." + digits.substring(0, end);
    }
}
