package io.strata.compactor;

import java.math.BigDecimal;
import java.time.Duration;

/** Go's {@code time.ParseDuration} and {@code time.Duration.String()}, for Loki's delete API texts. */
final class GoDuration {
    private GoDuration() {}

    /** Parses {@code 1h30m}, {@code 1.5h}, {@code 300ms}, {@code -2s}; throws IllegalArgumentException. */
    static Duration parse(String s) {
        if (s == null || s.isEmpty()) {
            throw new IllegalArgumentException("invalid duration");
        }
        int i = 0;
        boolean neg = false;
        if (s.charAt(0) == '-' || s.charAt(0) == '+') {
            neg = s.charAt(0) == '-';
            i++;
        }
        if (s.substring(i).equals("0")) {
            return Duration.ZERO;
        }
        if (i >= s.length()) {
            throw new IllegalArgumentException("invalid duration");
        }
        BigDecimal total = BigDecimal.ZERO;
        while (i < s.length()) {
            int start = i;
            while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
                i++;
            }
            String num = s.substring(start, i);
            if (num.isEmpty() || num.equals(".") || num.indexOf('.') != num.lastIndexOf('.')) {
                throw new IllegalArgumentException("invalid duration");
            }
            int u = i;
            while (i < s.length() && !Character.isDigit(s.charAt(i)) && s.charAt(i) != '.') {
                i++;
            }
            long unit = switch (s.substring(u, i)) {
                case "ns" -> 1L;
                case "us", "\u00b5s", "\u03bcs" -> 1_000L;
                case "ms" -> 1_000_000L;
                case "s" -> 1_000_000_000L;
                case "m" -> 60_000_000_000L;
                case "h" -> 3_600_000_000_000L;
                default -> throw new IllegalArgumentException("invalid duration");
            };
            total = total.add(new BigDecimal(num.startsWith(".") ? "0" + num : num).multiply(BigDecimal.valueOf(unit)));
        }
        long nanos = total.longValue();
        return Duration.ofNanos(neg ? -nanos : nanos);
    }

    /** Go's {@code Duration.String()}: {@code 24h0m0s}, {@code 1m30s}, {@code 1.5s}, {@code 500ms}, {@code 0s}. */
    static String format(Duration d) {
        long n = d.toNanos();
        if (n == 0) {
            return "0s";
        }
        StringBuilder sb = new StringBuilder();
        if (n < 0) {
            sb.append('-');
            n = -n;
        }
        if (n < 1_000_000_000L) {
            if (n < 1_000) {
                return sb.append(n).append("ns").toString();
            }
            if (n < 1_000_000) {
                return sb.append(frac(n, 1_000)).append("\u00b5s").toString();
            }
            return sb.append(frac(n, 1_000_000)).append("ms").toString();
        }
        long h = n / 3_600_000_000_000L;
        long rest = n % 3_600_000_000_000L;
        long m = rest / 60_000_000_000L;
        long s = rest % 60_000_000_000L;
        if (h > 0) {
            sb.append(h).append('h');
        }
        if (h > 0 || m > 0) {
            sb.append(m).append('m');
        }
        return sb.append(frac(s, 1_000_000_000L)).append('s').toString();
    }

    private static String frac(long v, long unit) {
        return BigDecimal.valueOf(v).divide(BigDecimal.valueOf(unit)).stripTrailingZeros().toPlainString();
    }
}
