package io.strata.ingest;

import java.util.Set;

/**
 * The fast path of {@link LevelDetector}'s JSON field lookup: scans a flat JSON object of plain
 * strings (no escapes), strict numbers, {@code true}/{@code false}/{@code null} without creating a
 * parser. It answers only where jackson's streaming parser would certainly give the same answer;
 * anything else (escapes, nesting, arrays, control characters, odd whitespace or syntax) gives
 * {@code null} and the caller parses with jackson.
 */
final class JsonLevelScan {
    /** The object ended without a configured field holding a string. */
    static final String ABSENT = new String("absent");

    private JsonLevelScan() {}

    /**
     * The string value of the first top-level field whose name is in {@code fields}, {@link #ABSENT}
     * when the (flat) object has none, or null when the fast path cannot decide.
     */
    static String firstField(String s, Set<String> fields) {
        int n = s.length();
        int i = skipWs(s, 0);
        if (i >= n || s.charAt(i) != '{') {
            return null;
        }
        i = skipWs(s, i + 1);
        if (i < n && s.charAt(i) == '}') {
            return ABSENT;
        }
        while (true) {
            if (i >= n || s.charAt(i) != '"') {
                return null;
            }
            int keyStart = i + 1;
            int keyEnd = plainStringEnd(s, keyStart);
            if (keyEnd < 0) {
                return null;
            }
            i = skipWs(s, keyEnd + 1);
            if (i >= n || s.charAt(i) != ':') {
                return null;
            }
            i = skipWs(s, i + 1);
            if (i >= n) {
                return null;
            }
            char c = s.charAt(i);
            if (c == '"') {
                int valueEnd = plainStringEnd(s, i + 1);
                if (valueEnd < 0) {
                    return null;
                }
                String key = s.substring(keyStart, keyEnd);
                if (fields.contains(key)) {
                    return s.substring(i + 1, valueEnd);
                }
                i = valueEnd + 1;
            } else if (c == '-' || (c >= '0' && c <= '9')) {
                i = numberEnd(s, i);
            } else if (s.startsWith("true", i)) {
                i += 4;
            } else if (s.startsWith("false", i)) {
                i += 5;
            } else if (s.startsWith("null", i)) {
                i += 4;
            } else {
                return null;
            }
            if (i < 0) {
                return null;
            }
            i = skipWs(s, i);
            if (i >= n) {
                return null;
            }
            c = s.charAt(i);
            if (c == '}') {
                return ABSENT;
            }
            if (c != ',') {
                return null;
            }
            i = skipWs(s, i + 1);
        }
    }

    private static int skipWs(String s, int i) {
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                break;
            }
            i++;
        }
        return i;
    }

    /** Index of the closing quote of a string without escapes or control characters, else -1. */
    private static int plainStringEnd(String s, int i) {
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (c == '"') {
                return i;
            }
            if (c == '\\' || c < 0x20) {
                return -1;
            }
            i++;
        }
        return -1;
    }

    /** End of a strict JSON number (no leading zeros) that a delimiter follows, else -1. */
    private static int numberEnd(String s, int i) {
        int n = s.length();
        if (s.charAt(i) == '-') {
            i++;
        }
        if (i >= n) {
            return -1;
        }
        if (s.charAt(i) == '0') {
            i++;
        } else if (s.charAt(i) >= '1' && s.charAt(i) <= '9') {
            i = digits(s, i);
        } else {
            return -1;
        }
        if (i < n && s.charAt(i) == '.') {
            int d = digits(s, i + 1);
            if (d == i + 1) {
                return -1;
            }
            i = d;
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            int d = digits(s, i);
            if (d == i) {
                return -1;
            }
            i = d;
        }
        if (i >= n) {
            return -1;
        }
        char c = s.charAt(i);
        return c == ',' || c == '}' || c == ' ' || c == '\t' || c == '\n' || c == '\r' ? i : -1;
    }

    private static int digits(String s, int i) {
        int n = s.length();
        while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            i++;
        }
        return i;
    }
}
