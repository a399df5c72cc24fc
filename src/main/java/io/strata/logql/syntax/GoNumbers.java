package io.strata.logql.syntax;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * Go's number conversions and renderings as LogQL needs them: {@code strconv.ParseFloat},
 * {@code strconv.Atoi}, {@code fmt.Sprint(float64)}, {@code strconv.FormatFloat(f,'f',-1,64)},
 * {@code %f}, and go-humanize's {@code ParseBytes}/{@code Bytes}.
 */
final class GoNumbers {
    private GoNumbers() {
    }

    /** Go strconv.ParseFloat on a NUMBER token text; throws IllegalArgumentException with Go's message. */
    static double parseFloat(String s) {
        String err = "strconv.ParseFloat: parsing " + GoStrings.quote(s) + ": ";
        String t = s;
        if (t.indexOf('_') >= 0) {
            if (!underscoreOk(t)) {
                throw new IllegalArgumentException(err + "invalid syntax");
            }
            t = t.replace("_", "");
        }
        double v;
        if (t.length() > 1 && t.charAt(0) == '0' && (t.charAt(1) | 0x20) == 'x') {
            if (t.indexOf('p') < 0 && t.indexOf('P') < 0) {
                throw new IllegalArgumentException(err + "invalid syntax");
            }
            try {
                v = Double.parseDouble(t);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(err + "invalid syntax");
            }
        } else {
            if (!t.matches("(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")) {
                throw new IllegalArgumentException(err + "invalid syntax");
            }
            v = Double.parseDouble(t);
        }
        if (Double.isInfinite(v)) {
            throw new IllegalArgumentException(err + "value out of range");
        }
        return v;
    }

    private static boolean underscoreOk(String s) {
        char saw = '^';
        int i = 0;
        boolean hex = false;
        if (s.length() >= 2 && s.charAt(0) == '0') {
            char c = (char) (s.charAt(1) | 0x20);
            if (c == 'b' || c == 'o' || c == 'x') {
                hex = c == 'x';
                i = 2;
                saw = '0';
            }
        }
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if ((c >= '0' && c <= '9') || (hex && (c | 0x20) >= 'a' && (c | 0x20) <= 'f')) {
                saw = '0';
                continue;
            }
            if (c == '_') {
                if (saw != '0') {
                    return false;
                }
                saw = '_';
                continue;
            }
            if (saw == '_') {
                return false;
            }
            saw = '!';
        }
        return saw != '_';
    }

    /** Go strconv.Atoi (decimal int64); null when it fails. */
    static Long atoi(String s) {
        if (!s.matches("[+-]?\\d+")) {
            return null;
        }
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** fmt.Sprint(float64): %g with the shortest digits, exponent form when exp < -4 or exp >= 6 ({@code 1e+06}). */
    static String formatG(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        if (v == 0) {
            return (1 / v < 0) ? "-0" : "0";
        }
        BigDecimal bd = new BigDecimal(Double.toString(Math.abs(v))).stripTrailingZeros();
        String digits = bd.unscaledValue().toString();
        int exp = digits.length() - 1 - bd.scale(); // decimal exponent of the first digit
        StringBuilder sb = new StringBuilder();
        if (v < 0) {
            sb.append('-');
        }
        if (exp < -4 || exp >= 6) {
            sb.append(digits.charAt(0));
            if (digits.length() > 1) {
                sb.append('.').append(digits, 1, digits.length());
            }
            sb.append('e').append(exp < 0 ? '-' : '+');
            int a = Math.abs(exp);
            if (a < 10) {
                sb.append('0');
            }
            sb.append(a);
        } else {
            sb.append(bd.toPlainString());
        }
        return sb.toString();
    }

    /** strconv.FormatFloat(v, 'f', -1, 64): shortest digits, never an exponent. */
    static String formatF(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        if (v == 0) {
            return (1 / v < 0) ? "-0" : "0";
        }
        return new BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
    }

    /** Go's %f: six decimals. */
    static String formatFixed6(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        return new BigDecimal(v).setScale(6, java.math.RoundingMode.HALF_EVEN).toPlainString();
    }

    /** go-humanize ParseBytes restricted to what the lexer can feed it; null on failure. */
    static Long parseHumanBytes(String s) {
        int last = 0;
        while (last < s.length()) {
            char c = s.charAt(last);
            if (!(Character.isDigit(c) || c == '.' || c == ',')) {
                break;
            }
            last++;
        }
        String num = s.substring(0, last).replace(",", "");
        double f;
        try {
            if (!num.matches("(\\d+\\.?\\d*|\\.\\d+)")) {
                return null;
            }
            f = Double.parseDouble(num);
        } catch (NumberFormatException e) {
            return null;
        }
        String unit = s.substring(last).trim().toLowerCase(Locale.ROOT);
        double m = switch (unit) {
            case "", "b" -> 1;
            case "k", "kb" -> 1e3;
            case "ki", "kib" -> 1024;
            case "m", "mb" -> 1e6;
            case "mi", "mib" -> 1048576;
            case "g", "gb" -> 1e9;
            case "gi", "gib" -> 1073741824;
            case "t", "tb" -> 1e12;
            case "ti", "tib" -> 1099511627776.0;
            case "p", "pb" -> 1e15;
            case "pi", "pib" -> 1125899906842624.0;
            case "e", "eb" -> 1e18;
            case "ei", "eib" -> 1152921504606846976.0;
            default -> -1;
        };
        if (m < 0) {
            return null;
        }
        f *= m;
        if (f >= 18446744073709551615.0) {
            return null;
        }
        return f >= 9.223372036854775807E18 ? new BigDecimal(f).toBigInteger().longValue() : (long) f;
    }

    /** go-humanize Bytes (SI), e.g. {@code 1.5 kB}, {@code 10 B}. */
    static String humanBytes(long s) {
        if (Long.compareUnsigned(s, 10) < 0) {
            return s + " B";
        }
        String[] sizes = {"B", "kB", "MB", "GB", "TB", "PB", "EB"};
        double x = s >= 0 ? (double) s : Long.toUnsignedString(s).length() > 0 ? Double.parseDouble(Long.toUnsignedString(s)) : 0;
        double e = Math.floor(StrictMath.log(x) / StrictMath.log(1000));
        String suffix = sizes[(int) e];
        double val = Math.floor(x / Math.pow(1000, e) * 10 + 0.5) / 10;
        String f = val < 10 ? String.format(Locale.ROOT, "%.1f", val) : String.format(Locale.ROOT, "%.0f", val);
        return f + " " + suffix;
    }
}
