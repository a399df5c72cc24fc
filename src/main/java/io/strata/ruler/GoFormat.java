package io.strata.ruler;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * The few Go number renderings the ruler must reproduce byte for byte: {@code strconv.FormatFloat(v,
 * 'e', -1, 64)} (alert values in the rules API) and {@code fmt.Sprintf("%.4g", v)} (the
 * {@code humanize} template functions).
 */
final class GoFormat {
    private GoFormat() {}

    /** Shortest exponent form, e.g. {@code 1e+00}, {@code 3.5e+01}, {@code NaN}, {@code +Inf}. */
    static String shortestE(double v) {
        String special = special(v);
        if (special != null) {
            return special;
        }
        if (v == 0) {
            return (1 / v < 0 ? "-" : "") + "0e+00";
        }
        BigDecimal d = new BigDecimal(Double.toString(v)).stripTrailingZeros();
        return exponentForm(d);
    }

    /** {@code %.Ng}: N significant digits, trailing zeros dropped, exponent form outside [1e-4, 1eN). */
    static String g(double v, int precision) {
        String special = special(v);
        if (special != null) {
            return special;
        }
        if (v == 0) {
            return (1 / v < 0 ? "-" : "") + "0";
        }
        BigDecimal d = new BigDecimal(v).round(new MathContext(precision, RoundingMode.HALF_EVEN)).stripTrailingZeros();
        int exp = d.precision() - d.scale() - 1;
        if (exp < -4 || exp >= precision) {
            return exponentForm(d);
        }
        return d.toPlainString();
    }

    /** {@code %.Nf} with Go's rounding of the exact binary value. */
    static String f(double v, int decimals) {
        String special = special(v);
        if (special != null) {
            return special;
        }
        return new BigDecimal(v).setScale(decimals, RoundingMode.HALF_EVEN).toPlainString();
    }

    private static String special(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        return null;
    }

    private static String exponentForm(BigDecimal d) {
        String digits = d.unscaledValue().abs().toString();
        int exp = digits.length() - 1 - d.scale();
        StringBuilder sb = new StringBuilder();
        if (d.signum() < 0) {
            sb.append('-');
        }
        sb.append(digits.charAt(0));
        if (digits.length() > 1) {
            sb.append('.').append(digits, 1, digits.length());
        }
        sb.append('e').append(exp < 0 ? '-' : '+');
        int a = Math.abs(exp);
        if (a < 10) {
            sb.append('0');
        }
        return sb.append(a).toString();
    }
}
