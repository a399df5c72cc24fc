package io.strata.query;

import io.strata.logql.log.GoValues;
import java.util.Locale;

/**
 * Loki's detected-field type rules (Go parsers tried in order: {@code strconv.ParseInt},
 * {@code ParseFloat}, {@code ParseBool}, {@code time.ParseDuration}, go-humanize
 * {@code ParseBytes}) and its normalisation of byte values for {@code detected_field/values}.
 */
final class FieldTypes {
    private static final String[] BYTE_UNITS = {"b", "kib", "kb", "mib", "mb", "gib", "gb", "tib", "tb", "pib", "pb",
        "eib", "eb", "ki", "k", "mi", "m", "gi", "g", "ti", "t", "pi", "p", "ei", "e"};

    /** Shapes that can only be a float, a Go duration or go-humanize bytes; anything else numeric-looking is a string. */
    private static final java.util.regex.Pattern DECIMAL =
            java.util.regex.Pattern.compile("[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?");
    private static final java.util.regex.Pattern DURATION =
            java.util.regex.Pattern.compile("[+-]?(([0-9]+\\.?[0-9]*|\\.[0-9]+)(ns|us|\u00b5s|\u03bcs|ms|s|m|h))+");
    private static final java.util.regex.Pattern BYTES =
            java.util.regex.Pattern.compile("[0-9.,]+\\s*[a-zA-Z]{0,3}");

    private FieldTypes() {}

    static String detect(String v) {
        if (isInt(v)) {
            return "int";
        }
        boolean numeric = !v.isEmpty() && startsNumeric(v);
        if (numeric && !DECIMAL.matcher(v).matches() && v.indexOf('x') < 0 && v.indexOf('X') < 0
                && v.indexOf('_') < 0) {
            numeric = DURATION.matcher(v).matches() || BYTES.matcher(v).matches();
            if (!numeric) {
                return "string";
            }
        }
        if ((numeric || isSpecialFloat(v)) && parses(() -> GoValues.parseFloat(v))) {
            return "float";
        }
        switch (v) {
            case "1", "t", "T", "TRUE", "true", "True", "0", "f", "F", "FALSE", "false", "False" -> {
                return "boolean";
            }
            default -> { }
        }
        if (numeric && parses(() -> GoValues.parseDurationNanos(v))) {
            return "duration";
        }
        if (numeric && parses(() -> GoValues.parseBytes(v))) {
            return "bytes";
        }
        return "string";
    }

    /** A value that parses as bytes and ends in a unit is rewritten as go-humanize prints it ({@code 10kB}). */
    static String normalizeBytes(String v) {
        if (v.isEmpty() || !(Character.isDigit(v.charAt(0)) || v.charAt(0) == '.')) {
            return v;
        }
        String lower = v.toLowerCase(Locale.ROOT);
        boolean unit = false;
        for (String u : BYTE_UNITS) {
            if (lower.endsWith(u)) {
                unit = true;
                break;
            }
        }
        if (!unit) {
            return v;
        }
        double bytes;
        try {
            bytes = GoValues.parseBytes(v);
        } catch (NumberFormatException e) {
            return v;
        }
        return humanBytes(bytes).replaceFirst(" ", "");
    }

    /** go-humanize {@code Bytes}: SI units, one decimal below 10. */
    static String humanBytes(double s) {
        if (s < 10) {
            return (long) s + " B";
        }
        String[] sizes = {"B", "kB", "MB", "GB", "TB", "PB", "EB"};
        int e = (int) Math.floor(Math.log(s) / Math.log(1000));
        e = Math.min(e, sizes.length - 1);
        double val = Math.floor(s / Math.pow(1000, e) * 10 + 0.5) / 10;
        return (val < 10 ? String.format(Locale.ROOT, "%.1f", val) : String.format(Locale.ROOT, "%.0f", val))
                + " " + sizes[e];
    }

    /** Cheap pre-check so that ordinary words never pay for a parser exception. */
    private static boolean startsNumeric(String v) {
        char c = v.charAt(0);
        if ((c == '+' || c == '-') && v.length() > 1) {
            c = v.charAt(1);
        }
        return (c >= '0' && c <= '9') || c == '.';
    }

    private static boolean isSpecialFloat(String v) {
        String t = v.startsWith("+") || v.startsWith("-") ? v.substring(1) : v;
        return t.equalsIgnoreCase("inf") || t.equalsIgnoreCase("infinity") || t.equalsIgnoreCase("nan");
    }

    private static boolean isInt(String v) {
        if (v.isEmpty()) {
            return false;
        }
        int i = v.charAt(0) == '+' || v.charAt(0) == '-' ? 1 : 0;
        if (i == v.length()) {
            return false;
        }
        for (int k = i; k < v.length(); k++) {
            if (v.charAt(k) < '0' || v.charAt(k) > '9') {
                return false;
            }
        }
        try {
            Long.parseLong(v);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private interface Parse {
        void run();
    }

    private static boolean parses(Parse p) {
        try {
            p.run();
            return true;
        } catch (NumberFormatException | ArithmeticException e) {
            return false;
        }
    }
}
