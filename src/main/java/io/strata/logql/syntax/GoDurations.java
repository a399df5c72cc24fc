package io.strata.logql.syntax;

import java.math.BigInteger;
import java.time.Duration;

/**
 * The two duration syntaxes of LogQL: Prometheus' {@code model.ParseDuration} (range
 * selectors; units ms s m h d w y, integers, descending units) and Go's
 * {@code time.ParseDuration} (fractions, ns us µs, sign), plus their {@code String()} forms.
 */
public final class GoDurations {
    private static final long MS = 1_000_000L;
    private static final long NS_PER_S = 1_000_000_000L;

    private GoDurations() {
    }

    private static String goQuote(String s) {
        return GoStrings.quote(s);
    }

    /** Prometheus ParseDuration; throws IllegalArgumentException with Prometheus' message. */
    static Duration parsePrometheus(String orig) {
        if (orig.equals("0")) {
            return Duration.ZERO;
        }
        if (orig.isEmpty()) {
            throw new IllegalArgumentException("empty duration string");
        }
        String s = orig;
        long dur = 0;
        int lastUnitPos = 0;
        while (!s.isEmpty()) {
            if (!isDigit(s.charAt(0))) {
                throw new IllegalArgumentException("not a valid duration string: " + goQuote(orig));
            }
            int i = 0;
            while (i < s.length() && isDigit(s.charAt(i))) {
                i++;
            }
            BigInteger v = new BigInteger(s.substring(0, i));
            if (v.bitLength() > 64) {
                throw new IllegalArgumentException("not a valid duration string: " + goQuote(orig));
            }
            s = s.substring(i);
            i = 0;
            while (i < s.length() && !isDigit(s.charAt(i))) {
                i++;
            }
            if (i == 0) {
                throw new IllegalArgumentException("not a valid duration string: " + goQuote(orig));
            }
            String u = s.substring(0, i);
            s = s.substring(i);
            int unitPos;
            long mult;
            switch (u) {
                case "ms" -> { unitPos = 7; mult = MS; }
                case "s" -> { unitPos = 6; mult = NS_PER_S; }
                case "m" -> { unitPos = 5; mult = 60 * NS_PER_S; }
                case "h" -> { unitPos = 4; mult = 3600 * NS_PER_S; }
                case "d" -> { unitPos = 3; mult = 24 * 3600 * NS_PER_S; }
                case "w" -> { unitPos = 2; mult = 7 * 24 * 3600 * NS_PER_S; }
                case "y" -> { unitPos = 1; mult = 365 * 24 * 3600 * NS_PER_S; }
                default -> throw new IllegalArgumentException(
                        "unknown unit " + goQuote(u) + " in duration " + goQuote(orig));
            }
            if (unitPos <= lastUnitPos) {
                throw new IllegalArgumentException("not a valid duration string: " + goQuote(orig));
            }
            lastUnitPos = unitPos;
            BigInteger limit = BigInteger.ONE.shiftLeft(63).divide(BigInteger.valueOf(mult));
            if (v.compareTo(limit) > 0) {
                throw new IllegalArgumentException("duration out of range");
            }
            BigInteger total = BigInteger.valueOf(dur).add(v.multiply(BigInteger.valueOf(mult)));
            if (total.bitLength() > 63) {
                throw new IllegalArgumentException("duration out of range");
            }
            dur = total.longValue();
        }
        return Duration.ofNanos(dur);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** Duration literal as LogQL's lexer reads it: Prometheus syntax first, then Go's; null if neither. */
    static Duration parseLiteral(String s) {
        try {
            return parsePrometheus(s);
        } catch (IllegalArgumentException e) {
            return parseGo(s);
        }
    }

    /** Go's time.ParseDuration, or null when it would fail. */
    public static Duration parseGo(String orig) {
        String s = orig;
        boolean neg = false;
        if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
            neg = s.charAt(0) == '-';
            s = s.substring(1);
        }
        if (s.equals("0")) {
            return Duration.ZERO;
        }
        if (s.isEmpty()) {
            return null;
        }
        BigInteger total = BigInteger.ZERO;
        while (!s.isEmpty()) {
            char c = s.charAt(0);
            if (!(c == '.' || isDigit(c))) {
                return null;
            }
            int i = 0;
            while (i < s.length() && isDigit(s.charAt(i))) {
                i++;
            }
            String intPart = s.substring(0, i);
            boolean pre = i > 0;
            String frac = "";
            boolean post = false;
            if (i < s.length() && s.charAt(i) == '.') {
                int j = i + 1;
                while (j < s.length() && isDigit(s.charAt(j))) {
                    j++;
                }
                frac = s.substring(i + 1, j);
                post = j > i + 1;
                i = j;
            }
            if (!pre && !post) {
                return null;
            }
            s = s.substring(i);
            int u = 0;
            while (u < s.length() && s.charAt(u) != '.' && !isDigit(s.charAt(u))) {
                u++;
            }
            if (u == 0) {
                return null; // missing unit
            }
            String unit = s.substring(0, u);
            s = s.substring(u);
            long unitNs = switch (unit) {
                case "ns" -> 1L;
                case "us", "\u00b5s", "\u03bcs" -> 1_000L;
                case "ms" -> MS;
                case "s" -> NS_PER_S;
                case "m" -> 60 * NS_PER_S;
                case "h" -> 3600 * NS_PER_S;
                default -> -1L;
            };
            if (unitNs < 0) {
                return null;
            }
            BigInteger v = intPart.isEmpty() ? BigInteger.ZERO : new BigInteger(intPart);
            BigInteger part = v.multiply(BigInteger.valueOf(unitNs));
            if (!frac.isEmpty()) {
                // Go truncates the fraction's contribution towards zero
                BigInteger num = new BigInteger(frac).multiply(BigInteger.valueOf(unitNs));
                part = part.add(num.divide(BigInteger.TEN.pow(frac.length())));
            }
            total = total.add(part);
            if (total.bitLength() > 63 && !(neg && total.equals(BigInteger.ONE.shiftLeft(63)))) {
                return null;
            }
        }
        if (neg) {
            total = total.negate();
        }
        return Duration.ofNanos(total.longValue());
    }

    /** Prometheus model.Duration.String(): {@code 1h30m}, {@code 1d}, {@code 1w}, {@code 0s}. */
    static String formatPrometheus(Duration d) {
        long ms = d.toNanos() / MS;
        if (ms == 0) {
            return "0s";
        }
        StringBuilder sb = new StringBuilder();
        if (ms < 0) {
            sb.append('-');
            ms = -ms;
        }
        long[] mults = {365L * 24 * 3600 * 1000, 7L * 24 * 3600 * 1000, 24L * 3600 * 1000, 3600L * 1000, 60L * 1000, 1000L, 1L};
        String[] units = {"y", "w", "d", "h", "m", "s", "ms"};
        for (int i = 0; i < mults.length; i++) {
            boolean exact = i < 2;
            if (exact && ms % mults[i] != 0) {
                continue;
            }
            long v = ms / mults[i];
            if (v > 0) {
                sb.append(v).append(units[i]);
                ms -= v * mults[i];
            }
        }
        return sb.toString();
    }

    /** Go time.Duration.String(): {@code 1h30m0s}, {@code 1.5s}, {@code 500ms}, {@code 0s}. */
    public static String formatGo(Duration d) {
        long nanos = d.toNanos();
        if (nanos == 0) {
            return "0s";
        }
        boolean neg = nanos < 0;
        // unsigned magnitude (Long.MIN_VALUE stays representable as unsigned)
        long u = neg ? -nanos : nanos;
        StringBuilder sb = new StringBuilder();
        if (Long.compareUnsigned(u, NS_PER_S) < 0) {
            int prec;
            String unit;
            if (u < 1_000L) {
                return (neg ? "-" : "") + u + "ns";
            } else if (u < MS) {
                prec = 3;
                unit = "\u00b5s";
            } else {
                prec = 6;
                unit = "ms";
            }
            sb.append(fmtFrac(u, prec)).append(unit);
        } else {
            long secsTotal = Long.divideUnsigned(u, NS_PER_S);
            long fracNs = Long.remainderUnsigned(u, NS_PER_S);
            String secPart = fmtFrac(fracNs + (secsTotal % 60) * NS_PER_S, 9);
            long mins = secsTotal / 60;
            sb.append(secPart).append('s');
            if (mins > 0) {
                long h = mins / 60;
                String tail = sb.toString();
                sb.setLength(0);
                sb.append(mins % 60).append('m').append(tail);
                if (h > 0) {
                    String t2 = sb.toString();
                    sb.setLength(0);
                    sb.append(h).append('h').append(t2);
                }
            }
        }
        return (neg ? "-" : "") + sb;
    }

    /** v / 10^prec with trailing zeros (and a bare point) removed. */
    private static String fmtFrac(long v, int prec) {
        long pow = 1;
        for (int i = 0; i < prec; i++) {
            pow *= 10;
        }
        long whole = v / pow;
        long frac = v % pow;
        if (frac == 0) {
            return Long.toString(whole);
        }
        String f = String.format("%0" + prec + "d", frac);
        int end = f.length();
        while (end > 0 && f.charAt(end - 1) == '0') {
            end--;
        }
        return whole + "." + f.substring(0, end);
    }
}
