package io.strata.config;

import java.util.Locale;

/**
 * Loki's human byte sizes ({@code flagext.ByteSize}): a whole number with an optional unit
 * {@code B, KB, MB, GB, TB} (also {@code K, KiB, ...}), case-insensitive, all powers of 1024.
 * {@link #format(long)} prints the largest unit that divides exactly, as Loki's messages do
 * ({@code 3MB}, {@code 256KB}, {@code 1000B}).
 */
public final class ByteSize {
    private static final String[] UNITS = {"B", "KB", "MB", "GB", "TB", "PB", "EB"};

    private ByteSize() {}

    public static long parse(String text) {
        String s = text.trim();
        int i = 0;
        while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
            i++;
        }
        if (i == 0) {
            throw new IllegalArgumentException("invalid byte size: " + text);
        }
        double number = Double.parseDouble(s.substring(0, i));
        String unit = s.substring(i).trim().toUpperCase(Locale.ROOT);
        long multiplier = switch (unit) {
            case "", "B" -> 1L;
            case "K", "KB", "KIB" -> 1L << 10;
            case "M", "MB", "MIB" -> 1L << 20;
            case "G", "GB", "GIB" -> 1L << 30;
            case "T", "TB", "TIB" -> 1L << 40;
            default -> throw new IllegalArgumentException("invalid byte size unit: " + text);
        };
        return (long) (number * multiplier);
    }

    public static String format(long bytes) {
        if (bytes == 0) {
            return "0B";
        }
        int unit = 0;
        long v = bytes;
        while (unit < UNITS.length - 1 && v % 1024 == 0) {
            v /= 1024;
            unit++;
        }
        return v + UNITS[unit];
    }
}
