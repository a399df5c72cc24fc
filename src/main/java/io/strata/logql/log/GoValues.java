package io.strata.logql.log;

import io.strata.model.Labels;

/**
 * Value parsers with Go's exact acceptance rules and error texts, because Loki surfaces those
 * texts in {@code __error_details__}: {@code strconv.ParseFloat}, {@code time.ParseDuration}
 * and go-humanize's {@code ParseBytes}. Failures throw {@link NumberFormatException} carrying
 * the Go message.
 */
public final class GoValues {
    private GoValues() {}

    /** Go {@code strconv.ParseFloat(s, 64)}. */
    public static double parseFloat(String s) {
        String special = s.startsWith("+") || s.startsWith("-") ? s.substring(1) : s;
        String lower = special.toLowerCase(java.util.Locale.ROOT);
        boolean negative = s.startsWith("-");
        if (lower.equals("inf") || lower.equals("infinity")) {
            return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (lower.equals("nan") && special.length() == s.length()) {
            return Double.NaN;
        }
        if (!isGoFloatSyntax(s)) {
            throw new NumberFormatException("strconv.ParseFloat: parsing " + Labels.quote(s) + ": invalid syntax");
        }
        String j = s.replace("_", "");
        double d;
        try {
            d = Double.parseDouble(j);
        } catch (NumberFormatException e) {
            throw new NumberFormatException("strconv.ParseFloat: parsing " + Labels.quote(s) + ": invalid syntax");
        }
        if (Double.isInfinite(d)) {
            throw new NumberFormatException("strconv.ParseFloat: parsing " + Labels.quote(s) + ": value out of range");
        }
        return d;
    }

    private static boolean isGoFloatSyntax(String s) {
        int i = 0;
        int n = s.length();
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            i++;
        }
        if (i + 1 < n && s.charAt(i) == '0' && (s.charAt(i + 1) == 'x' || s.charAt(i + 1) == 'X')) {
            i += 2;
            int digits = 0;
            while (i < n && (Character.digit(s.charAt(i), 16) >= 0 || s.charAt(i) == '_')) {
                digits++;
                i++;
            }
            if (i < n && s.charAt(i) == '.') {
                i++;
                while (i < n && Character.digit(s.charAt(i), 16) >= 0) {
                    digits++;
                    i++;
                }
            }
            if (digits == 0 || i >= n || (s.charAt(i) != 'p' && s.charAt(i) != 'P')) {
                return false;
            }
            i++;
            return exponentDigits(s, i);
        }
        int digits = 0;
        while (i < n && isDigit(s.charAt(i))) {
            digits++;
            i++;
        }
        if (i < n && s.charAt(i) == '.') {
            i++;
            while (i < n && isDigit(s.charAt(i))) {
                digits++;
                i++;
            }
        }
        if (digits == 0) {
            return false;
        }
        if (i == n) {
            return true;
        }
        if (s.charAt(i) != 'e' && s.charAt(i) != 'E') {
            return false;
        }
        return exponentDigits(s, i + 1);
    }

    private static boolean exponentDigits(String s, int i) {
        int n = s.length();
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            i++;
        }
        if (i >= n) {
            return false;
        }
        while (i < n) {
            if (!isDigit(s.charAt(i))) {
                return false;
            }
            i++;
        }
        return true;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** Go {@code time.ParseDuration}, in nanoseconds. */
    public static long parseDurationNanos(String s) {
        String orig = s;
        int i = 0;
        int n = s.length();
        boolean neg = false;
        if (i < n && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
            neg = s.charAt(i) == '-';
            i++;
        }
        if (s.substring(i).equals("0")) {
            return 0;
        }
        if (i == n) {
            throw invalidDuration(orig);
        }
        double total = 0;
        while (i < n) {
            int start = i;
            long whole = 0;
            boolean overflow = false;
            while (i < n && isDigit(s.charAt(i))) {
                whole = whole * 10 + (s.charAt(i) - '0');
                if (whole < 0 || whole > (1L << 62)) {
                    overflow = true;
                }
                i++;
            }
            boolean pre = i > start;
            double frac = 0;
            double scale = 1;
            boolean post = false;
            if (i < n && s.charAt(i) == '.') {
                i++;
                int fs = i;
                while (i < n && isDigit(s.charAt(i))) {
                    scale *= 10;
                    frac = frac * 10 + (s.charAt(i) - '0');
                    i++;
                }
                post = i > fs;
            }
            if (!pre && !post) {
                throw invalidDuration(orig);
            }
            if (overflow) {
                throw invalidDuration(orig);
            }
            int us = i;
            while (i < n && s.charAt(i) != '.' && !isDigit(s.charAt(i))) {
                i++;
            }
            if (us == i) {
                throw new NumberFormatException("time: missing unit in duration " + Labels.quote(orig));
            }
            String unit = s.substring(us, i);
            long mult = switch (unit) {
                case "ns" -> 1L;
                case "us", "\u00b5s", "\u03bcs" -> 1_000L;
                case "ms" -> 1_000_000L;
                case "s" -> 1_000_000_000L;
                case "m" -> 60_000_000_000L;
                case "h" -> 3_600_000_000_000L;
                default -> throw new NumberFormatException("time: unknown unit " + Labels.quote(unit)
                        + " in duration " + Labels.quote(orig));
            };
            total += whole * (double) mult + (frac / scale) * mult;
            if (total > 9.223372036854775807e18) {
                throw invalidDuration(orig);
            }
        }
        long v = (long) total;
        return neg ? -v : v;
    }

    private static NumberFormatException invalidDuration(String s) {
        return new NumberFormatException("time: invalid duration " + Labels.quote(s));
    }

    /** go-humanize {@code ParseBytes}: "1.5KB", "2,048", "3 MiB", bare numbers are bytes. */
    public static double parseBytes(String s) {
        int last = 0;
        boolean comma = false;
        while (last < s.length()) {
            char c = s.charAt(last);
            if (!(Character.isDigit(c) || c == '.' || c == ',')) {
                break;
            }
            if (c == ',') {
                comma = true;
            }
            last++;
        }
        String num = s.substring(0, last);
        if (comma) {
            num = num.replace(",", "");
        }
        double f = parseFloat(num);
        String extra = s.substring(last).strip().toLowerCase(java.util.Locale.ROOT);
        double m = switch (extra) {
            case "", "b" -> 1;
            case "k", "kb" -> 1e3;
            case "ki", "kib" -> 1024;
            case "m", "mb" -> 1e6;
            case "mi", "mib" -> 1024.0 * 1024;
            case "g", "gb" -> 1e9;
            case "gi", "gib" -> 1024.0 * 1024 * 1024;
            case "t", "tb" -> 1e12;
            case "ti", "tib" -> Math.pow(1024, 4);
            case "p", "pb" -> 1e15;
            case "pi", "pib" -> Math.pow(1024, 5);
            case "e", "eb" -> 1e18;
            case "ei", "eib" -> Math.pow(1024, 6);
            default -> throw new NumberFormatException("unhandled size name: " + extra);
        };
        double v = f * m;
        if (v >= 1.8446744073709552e19) {
            throw new NumberFormatException("too large: " + s);
        }
        return Math.floor(v);
    }
}
