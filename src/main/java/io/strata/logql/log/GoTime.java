package io.strata.logql.log;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.Month;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.Locale;

/**
 * A Go {@code time.Time} for templates: Unix nanoseconds plus a zone. Formats and parses with Go
 * reference layouts ({@code 2006-01-02T15:04:05Z07:00}); {@link #toString()} is Go's
 * {@code Time.String()}. The server's "local" zone is UTC.
 */
record GoTime(long epochNanos, ZoneId zone) {
    static final GoTime ZERO = new GoTime(Long.MIN_VALUE, ZoneOffset.UTC);

    static GoTime ofNanos(long nanos) {
        return new GoTime(nanos, ZoneOffset.UTC);
    }

    boolean isZero() {
        return epochNanos == Long.MIN_VALUE;
    }

    ZonedDateTime dateTime() {
        if (isZero()) {
            return ZonedDateTime.of(1, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
        }
        return Instant.ofEpochSecond(Math.floorDiv(epochNanos, 1_000_000_000L), Math.floorMod(epochNanos, 1_000_000_000L))
                .atZone(zone);
    }

    long unixSeconds() {
        return isZero() ? -62135596800L : Math.floorDiv(epochNanos, 1_000_000_000L);
    }

    long unixMillis() {
        return isZero() ? -62135596800000L : Math.floorDiv(epochNanos, 1_000_000L);
    }

    long unixNanos() {
        return isZero() ? -6795364578871345152L : epochNanos;
    }

    @Override
    public String toString() {
        return format("2006-01-02 15:04:05.999999999 -0700 MST");
    }

    private static final String[] TOKENS = {
        "January", "Jan", "Monday", "Mon", "MST", "2006", "002", "01", "02", "03", "04", "05", "06", "_2",
        "15", "1", "2", "3", "4", "5", "PM", "pm", "Z07:00:00", "Z070000", "Z07:00", "Z0700", "Z07",
        "-07:00:00", "-070000", "-07:00", "-0700", "-07",
    };

    private static String tokenAt(String layout, int i) {
        for (String t : TOKENS) {
            if (layout.startsWith(t, i)) {
                return t;
            }
        }
        if ((layout.charAt(i) == '.' || layout.charAt(i) == ',') && i + 1 < layout.length()
                && (layout.charAt(i + 1) == '0' || layout.charAt(i + 1) == '9')) {
            char d = layout.charAt(i + 1);
            int j = i + 1;
            while (j < layout.length() && layout.charAt(j) == d) {
                j++;
            }
            if (j >= layout.length() || !Character.isDigit(layout.charAt(j))) {
                return layout.substring(i, j);
            }
        }
        return null;
    }

    String format(String layout) {
        ZonedDateTime t = dateTime();
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (i < layout.length()) {
            String tok = tokenAt(layout, i);
            if (tok == null) {
                sb.append(layout.charAt(i++));
                continue;
            }
            i += tok.length();
            int offset = t.getOffset().getTotalSeconds();
            switch (tok) {
                case "January" -> sb.append(t.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH));
                case "Jan" -> sb.append(t.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH));
                case "Monday" -> sb.append(t.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH));
                case "Mon" -> sb.append(t.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH));
                case "MST" -> sb.append(zoneAbbreviation(t));
                case "2006" -> sb.append(pad(t.getYear(), 4));
                case "06" -> sb.append(pad(t.getYear() % 100, 2));
                case "002" -> sb.append(pad(t.getDayOfYear(), 3));
                case "01" -> sb.append(pad(t.getMonthValue(), 2));
                case "1" -> sb.append(t.getMonthValue());
                case "02" -> sb.append(pad(t.getDayOfMonth(), 2));
                case "_2" -> sb.append(t.getDayOfMonth() < 10 ? " " : "").append(t.getDayOfMonth());
                case "2" -> sb.append(t.getDayOfMonth());
                case "15" -> sb.append(pad(t.getHour(), 2));
                case "03" -> sb.append(pad(hour12(t), 2));
                case "3" -> sb.append(hour12(t));
                case "04" -> sb.append(pad(t.getMinute(), 2));
                case "4" -> sb.append(t.getMinute());
                case "05" -> sb.append(pad(t.getSecond(), 2));
                case "5" -> sb.append(t.getSecond());
                case "PM" -> sb.append(t.getHour() >= 12 ? "PM" : "AM");
                case "pm" -> sb.append(t.getHour() >= 12 ? "pm" : "am");
                default -> {
                    if (tok.startsWith("Z") && offset == 0) {
                        sb.append('Z');
                    } else if (tok.startsWith("Z") || tok.startsWith("-")) {
                        appendOffset(sb, offset, tok.substring(1));
                    } else {
                        appendFraction(sb, t.getNano(), tok);
                    }
                }
            }
        }
        return sb.toString();
    }

    private static String zoneAbbreviation(ZonedDateTime t) {
        if (t.getZone().equals(ZoneOffset.UTC) || t.getZone().getId().equals("UTC")) {
            return "UTC";
        }
        String s = t.getZone().getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
        return s.startsWith("GMT") || s.startsWith("+") || s.startsWith("-") ? offsetText(t.getOffset().getTotalSeconds()) : s;
    }

    private static String offsetText(int offset) {
        StringBuilder sb = new StringBuilder();
        appendOffset(sb, offset, "0700");
        return sb.toString();
    }

    private static void appendOffset(StringBuilder sb, int offset, String kind) {
        sb.append(offset < 0 ? '-' : '+');
        int a = Math.abs(offset);
        sb.append(pad(a / 3600, 2));
        if (kind.equals("07")) {
            return;
        }
        boolean colon = kind.contains(":");
        if (colon) {
            sb.append(':');
        }
        sb.append(pad(a / 60 % 60, 2));
        if (kind.length() > 5) {
            if (colon) {
                sb.append(':');
            }
            sb.append(pad(a % 60, 2));
        }
    }

    private static void appendFraction(StringBuilder sb, int nanos, String tok) {
        int digits = tok.length() - 1;
        String all = pad(nanos, 9);
        String frac = all.substring(0, Math.min(9, digits));
        if (tok.charAt(1) == '9') {
            int e = frac.length();
            while (e > 0 && frac.charAt(e - 1) == '0') {
                e--;
            }
            if (e == 0) {
                return;
            }
            frac = frac.substring(0, e);
        }
        sb.append(tok.charAt(0)).append(frac);
    }

    private static int hour12(ZonedDateTime t) {
        int h = t.getHour() % 12;
        return h == 0 ? 12 : h;
    }

    private static String pad(int v, int width) {
        String s = Integer.toString(v);
        StringBuilder sb = new StringBuilder();
        for (int i = s.length(); i < width; i++) {
            sb.append('0');
        }
        return sb.append(s).toString();
    }

    /** Go {@code time.ParseInLocation}; throws IllegalArgumentException on mismatch. */
    static GoTime parse(String layout, String value, ZoneId zone) {
        int year = 1;
        int month = 1;
        int day = 1;
        int hour = 0;
        int minute = 0;
        int second = 0;
        int nanos = 0;
        boolean pm = false;
        boolean hasPm = false;
        Integer offset = null;
        int i = 0;
        int v = 0;
        while (i < layout.length()) {
            String tok = tokenAt(layout, i);
            if (tok == null) {
                if (v >= value.length() || value.charAt(v) != layout.charAt(i)) {
                    throw new IllegalArgumentException("parsing time " + io.strata.model.Labels.quote(value) + " as "
                            + io.strata.model.Labels.quote(layout) + ": cannot parse");
                }
                i++;
                v++;
                continue;
            }
            i += tok.length();
            switch (tok) {
                case "January", "Jan" -> {
                    int m = matchName(value, v, tok.equals("Jan"), true);
                    month = m & 0xff;
                    v += m >>> 8;
                }
                case "Monday", "Mon" -> v += matchName(value, v, tok.equals("Mon"), false) >>> 8;
                case "MST" -> {
                    int s = v;
                    while (v < value.length() && Character.isUpperCase(value.charAt(v))) {
                        v++;
                    }
                    if (v - s < 3) {
                        throw bad(layout, value);
                    }
                }
                case "2006" -> { year = number(value, v, 4, 4); v += 4; }
                case "06" -> { year = 2000 + number(value, v, 2, 2); if (year >= 2069) { year -= 100; } v += 2; }
                case "01", "02", "03", "04", "05", "15" -> {
                    int n = number(value, v, 2, 2);
                    v += 2;
                    switch (tok) {
                        case "01" -> month = n;
                        case "02" -> day = n;
                        case "03", "15" -> hour = n;
                        case "04" -> minute = n;
                        default -> second = n;
                    }
                }
                case "1", "2", "3", "4", "5", "_2" -> {
                    if (tok.equals("_2") && v < value.length() && value.charAt(v) == ' ') {
                        v++;
                    }
                    int len = digitsAt(value, v, 2);
                    int n = number(value, v, 1, len);
                    v += len;
                    switch (tok) {
                        case "1" -> month = n;
                        case "2", "_2" -> day = n;
                        case "3" -> hour = n;
                        case "4" -> minute = n;
                        default -> second = n;
                    }
                }
                case "002" -> { v += 3; }
                case "PM", "pm" -> {
                    hasPm = true;
                    String ap = value.substring(v, Math.min(v + 2, value.length())).toUpperCase(Locale.ROOT);
                    pm = ap.equals("PM");
                    v += 2;
                }
                default -> {
                    if (tok.startsWith("Z") && v < value.length() && value.charAt(v) == 'Z') {
                        offset = 0;
                        v++;
                    } else if (tok.startsWith("Z") || tok.startsWith("-")) {
                        int sign = value.charAt(v) == '-' ? -1 : 1;
                        int h = number(value, v + 1, 2, 2);
                        int p = v + 3;
                        if (p < value.length() && value.charAt(p) == ':') {
                            p++;
                        }
                        int m = tok.endsWith("07") ? 0 : number(value, p, 2, 2);
                        offset = sign * (h * 3600 + m * 60);
                        v = tok.endsWith("07") ? v + 3 : p + 2;
                    } else {
                        if (v < value.length() && (value.charAt(v) == '.' || value.charAt(v) == ',')) {
                            int s = ++v;
                            while (v < value.length() && Character.isDigit(value.charAt(v))) {
                                v++;
                            }
                            String f = (value.substring(s, v) + "000000000").substring(0, 9);
                            nanos = Integer.parseInt(f);
                        }
                    }
                }
            }
            if (!tok.startsWith(".") && !tok.startsWith(",") && v < value.length() && value.charAt(v) == '.'
                    && (tok.equals("05") || tok.equals("5")) && (i >= layout.length() || layout.charAt(i) != '.')) {
                int s = ++v;
                while (v < value.length() && Character.isDigit(value.charAt(v))) {
                    v++;
                }
                nanos = Integer.parseInt((value.substring(s, v) + "000000000").substring(0, 9));
            }
        }
        if (v != value.length()) {
            throw new IllegalArgumentException("parsing time " + io.strata.model.Labels.quote(value) + ": extra text");
        }
        if (hasPm && pm && hour < 12) {
            hour += 12;
        } else if (hasPm && !pm && hour == 12) {
            hour = 0;
        }
        LocalDateTime ldt = LocalDateTime.of(year, Month.of(month), day, hour, minute, second, nanos);
        ZonedDateTime z = offset != null ? ldt.atOffset(ZoneOffset.ofTotalSeconds(offset)).toZonedDateTime() : ldt.atZone(zone);
        Instant in = z.toInstant();
        return new GoTime(in.getEpochSecond() * 1_000_000_000L + in.getNano(), z.getZone());
    }

    private static IllegalArgumentException bad(String layout, String value) {
        return new IllegalArgumentException("parsing time " + io.strata.model.Labels.quote(value) + " as "
                + io.strata.model.Labels.quote(layout) + ": cannot parse");
    }

    private static int digitsAt(String s, int v, int max) {
        int n = 0;
        while (v + n < s.length() && n < max && Character.isDigit(s.charAt(v + n))) {
            n++;
        }
        return n;
    }

    private static int number(String s, int v, int min, int len) {
        if (len < min || v + len > s.length()) {
            throw new IllegalArgumentException("parsing time " + io.strata.model.Labels.quote(s) + ": cannot parse");
        }
        for (int k = v; k < v + len; k++) {
            if (!Character.isDigit(s.charAt(k))) {
                throw new IllegalArgumentException("parsing time " + io.strata.model.Labels.quote(s) + ": cannot parse");
            }
        }
        return Integer.parseInt(s.substring(v, v + len));
    }

    /** Returns (consumed length << 8) | month number (1-12) or day index. */
    private static int matchName(String s, int v, boolean abbreviated, boolean month) {
        int count = month ? 12 : 7;
        for (int k = 1; k <= count; k++) {
            String name = month ? Month.of(k).getDisplayName(abbreviated ? TextStyle.SHORT : TextStyle.FULL, Locale.ENGLISH)
                    : DayOfWeek.of(k).getDisplayName(abbreviated ? TextStyle.SHORT : TextStyle.FULL, Locale.ENGLISH);
            if (s.regionMatches(true, v, name, 0, name.length())) {
                return (name.length() << 8) | k;
            }
        }
        throw new IllegalArgumentException("parsing time " + io.strata.model.Labels.quote(s) + ": cannot parse");
    }
}
