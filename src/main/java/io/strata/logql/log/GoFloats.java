package io.strata.logql.log;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Go's float64 renderings, byte for byte: {@code %v} ({@code fmt.Sprint}), {@code %e}, {@code %f},
 * {@code %g} with a precision, and {@code strconv.FormatFloat(v, 'e', -1, 64)}. Rounding works on
 * the exact binary value, half to even, as Go's {@code strconv} does. Shared by Loki's templates
 * and the ruler (alert templates, the rules API's alert values).
 */
public final class GoFloats {
    private GoFloats() {}

    /** Go {@code %v} of a float64: shortest digits, exponent form when exp < -4 or exp >= 6 ({@code 1e+06}). */
    public static String formatFloat(double d) {
        String special = special(d);
        if (special != null) {
            return special;
        }
        if (d == 0) {
            return (1 / d) < 0 ? "-0" : "0";
        }
        BigDecimal bd = new BigDecimal(Double.toString(d)).stripTrailingZeros();
        int exp = bd.precision() - bd.scale() - 1; // decimal exponent of the first digit
        if (exp < -4 || exp >= 6) {
            return exponentForm(bd);
        }
        return bd.toPlainString();
    }

    /** {@code strconv.FormatFloat(v, 'e', -1, 64)}: shortest exponent form, e.g. {@code 1e+00}, {@code 3.5e+01}. */
    public static String shortestE(double v) {
        String special = special(v);
        if (special != null) {
            return special;
        }
        if (v == 0) {
            return (1 / v < 0 ? "-" : "") + "0e+00";
        }
        return exponentForm(new BigDecimal(Double.toString(v)).stripTrailingZeros());
    }

    /** {@code %.Ng}: N significant digits, trailing zeros dropped, exponent form outside [1e-4, 1eN). */
    public static String g(double v, int precision) {
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

    /** {@code %.Nf}. */
    public static String f(double v, int decimals) {
        String special = special(v);
        if (special != null) {
            return special;
        }
        return new BigDecimal(v).setScale(decimals, RoundingMode.HALF_EVEN).toPlainString();
    }

    /** {@code %.Ne}: N digits after the point, at least two exponent digits. */
    public static String e(double v, int decimals) {
        String special = special(v);
        if (special != null) {
            return special;
        }
        BigDecimal d = v == 0 ? BigDecimal.ZERO.setScale(decimals)
                : new BigDecimal(v).round(new MathContext(decimals + 1, RoundingMode.HALF_EVEN));
        StringBuilder digits = new StringBuilder(d.unscaledValue().abs().toString());
        while (digits.length() < decimals + 1) {
            digits.append('0');
        }
        int exp = v == 0 ? 0 : d.precision() - d.scale() - 1;
        StringBuilder sb = new StringBuilder();
        if (v < 0 || (v == 0 && 1 / v < 0)) {
            sb.append('-');
        }
        sb.append(digits.charAt(0));
        if (decimals > 0) {
            sb.append('.').append(digits, 1, decimals + 1);
        }
        return appendExponent(sb, exp);
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

    /** All the digits of {@code d} as {@code d.ddde±XX}. */
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
        return appendExponent(sb, exp);
    }

    private static String appendExponent(StringBuilder sb, int exp) {
        sb.append('e').append(exp < 0 ? '-' : '+');
        int a = Math.abs(exp);
        if (a < 10) {
            sb.append('0');
        }
        return sb.append(a).toString();
    }
}
