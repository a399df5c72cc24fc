package io.strata.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.strata.tenant.Limits;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The allocation-free fast paths of level detection (keyword scan, flat-JSON scan, UTF-8 length)
 * give exactly what the straightforward implementations give, on chosen and on random lines.
 */
class LevelFastPathTest {
    private static final Set<String> FIELDS = Set.copyOf(Limits.defaults().logLevelFields());
    private static final String[] PIECES = {"info", "INFO", "Error", "err", "errors", "warn", "warning", "WARNING",
        "debug", "trace", "fatal", "critical", "level", "\"level\"", "\"msg\"", "{", "}", "[", "]", "(", ")", ":", ",",
        " ", "\t", "\n", "=", "|", "'", "\"", "\\", "\\\"", "-", "0", "01", "1.5", "1e3", "-2", "true", "false", "null",
        "x", "lvl=", "level=", "LEVEL=\"warn\"", "severity=", "ſeverity=", "İ", "ı", "K", "é", "日本", "\uD83D\uDE00", "\uD800", "\u0001", "\u000B", "\r"};

    @Test
    void keywordMatchesLowerCaseReference() {
        for (String s : List.of("2026-01-01 [ERROR] disk full", "INFO: started; errors=0", "nothing, misc:error here",
                "debug", "İnfo İNFO info", "ınfo", "xerror error", "warning: warn", "(err)", "")) {
            assertEquals(referenceKeyword(s), LevelDetector.keyword(s), s);
        }
        SplittableRandom r = new SplittableRandom(7);
        for (int n = 0; n < 50_000; n++) {
            String s = randomLine(r);
            assertEquals(referenceKeyword(s), LevelDetector.keyword(s), s);
        }
    }

    @Test
    void jsonScanAgreesWithJackson() throws IOException {
        for (String s : List.of("{\"level\":\"info\"}", " {\"ts\":1,\"level\":\"warn\",\"x\":2}", "{\"level\":1}",
                "{\"a\":01,\"level\":\"x\"}", "{\"a\":1,}", "{}", "{\"level\":\"a\\\"b\"}", "{\"a\":truex}")) {
            assertAgrees(s);
        }
        SplittableRandom r = new SplittableRandom(11);
        int decided = 0;
        for (int n = 0; n < 50_000; n++) {
            String s = randomJson(r);
            if (assertAgrees(s)) {
                decided++;
            }
        }
        // the generator makes most lines simple enough for the fast path to answer
        assertEquals(true, decided > 12_000, "fast path decided " + decided);
    }

    @Test
    void utf8LengthMatchesEncoder() {
        SplittableRandom r = new SplittableRandom(3);
        for (int n = 0; n < 100_000; n++) {
            String s = randomLine(r);
            if (s.chars().noneMatch(c -> Character.isSurrogate((char) c))
                    || s.equals(s.codePoints().collect(StringBuilder::new, StringBuilder::appendCodePoint,
                            StringBuilder::append).toString()) && validSurrogates(s)) {
                assertEquals(s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length, EntryValidator.utf8Length(s), s);
            }
        }
    }

    @Test
    void lineDetectionMatchesReference() {
        LevelDetector d = new LevelDetector(Limits.defaults().logLevelFields(), 2);
        SplittableRandom r = new SplittableRandom(5);
        for (int n = 0; n < 50_000; n++) {
            String s = randomLine(r);
            if (s.indexOf('=') >= 0 && !s.trim().startsWith("{")) {
                String v = referenceLogfmt(Limits.defaults().logLevelFields(), s);
                String known = v == null ? null : LevelDetector.normalize(v);
                String expected = known != null && !known.equals(v) || isCanonical(v) ? known : referenceKeyword(s);
                assertEquals(expected, d.fromLine(s), s);
            }
        }
    }

    private static boolean isCanonical(String v) {
        return v != null && List.of("trace", "debug", "info", "warn", "error", "critical", "fatal").contains(v.toLowerCase(Locale.ROOT));
    }

    /** The detector's former logfmt lookup. */
    private static String referenceLogfmt(List<String> fields, String line) {
        int best = fields.size();
        String result = null;
        int i = 0;
        int n = line.length();
        while (i < n) {
            while (i < n && line.charAt(i) <= ' ') {
                i++;
            }
            int ks = i;
            while (i < n && line.charAt(i) > ' ' && line.charAt(i) != '=' && line.charAt(i) != '"') {
                i++;
            }
            int keyLength = i - ks;
            int match = -1;
            for (int x = 0; x < best && keyLength > 0; x++) {
                String f = fields.get(x);
                if (f.length() == keyLength && line.regionMatches(true, ks, f, 0, keyLength)) {
                    match = x;
                    break;
                }
            }
            String value = "";
            if (i < n && line.charAt(i) == '=') {
                i++;
                if (i < n && line.charAt(i) == '"') {
                    StringBuilder sb = new StringBuilder();
                    i++;
                    while (i < n && line.charAt(i) != '"') {
                        char c = line.charAt(i++);
                        if (c == '\\' && i < n) {
                            c = line.charAt(i++);
                        }
                        sb.append(c);
                    }
                    i++;
                    value = sb.toString();
                } else {
                    int vs = i;
                    while (i < n && line.charAt(i) > ' ') {
                        i++;
                    }
                    value = line.substring(vs, i);
                }
            } else if (i < n && line.charAt(i) == '"') {
                i++;
            }
            if (match >= 0) {
                result = value;
                best = match;
                if (match == 0) {
                    return result;
                }
            }
        }
        return result;
    }

    @Test
    void jsonScanGivesUpOnNesting() {
        assertNull(JsonLevelScan.firstField("{\"a\":{\"level\":\"info\"}}", FIELDS));
        assertNull(JsonLevelScan.firstField("{\"a\":[1],\"level\":\"info\"}", FIELDS));
        assertEquals("info", JsonLevelScan.firstField("{\"level\":\"info\",\"a\":{}}", FIELDS));
    }

    private static boolean validSurrogates(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /** Returns whether the fast path decided (else jackson is used, which is trivially equal). */
    private static boolean assertAgrees(String s) throws IOException {
        String fast = JsonLevelScan.firstField(s, FIELDS);
        if (fast == null) {
            return false;
        }
        assertEquals(jacksonLevel(s), fast == JsonLevelScan.ABSENT ? null : fast, s);
        return true;
    }

    private static String randomLine(SplittableRandom r) {
        StringBuilder sb = new StringBuilder();
        int parts = r.nextInt(12);
        for (int i = 0; i < parts; i++) {
            sb.append(PIECES[r.nextInt(PIECES.length)]);
        }
        return sb.toString();
    }

    private static String randomJson(SplittableRandom r) {
        StringBuilder sb = new StringBuilder(r.nextInt(5) == 0 ? " {" : "{");
        int fields = r.nextInt(5);
        String[] keys = {"level", "lvl", "msg", "ts", "LEVEL", "le\\\"vel", "severity"};
        String[] values = {"\"info\"", "\"warn\"", "1", "-0.5e2", "01", "true", "null", "falsey", "\"a\\nb\"",
            "{\"level\":\"x\"}", "[1]", "\"\u0001\"", "1.", "\"日本\""};
        for (int i = 0; i < fields; i++) {
            if (i > 0) {
                sb.append(r.nextInt(20) == 0 ? " ," : ",");
            }
            sb.append('"').append(keys[r.nextInt(keys.length)]).append("\"").append(r.nextInt(10) == 0 ? " : " : ":")
                    .append(values[r.nextInt(values.length)]);
        }
        return sb.append(r.nextInt(30) == 0 ? ",}" : "}").toString();
    }

    /** The detector's former JSON lookup: jackson, depth 2. */
    private static String jacksonLevel(String line) {
        try (JsonParser p = new JsonFactory().createParser(line)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            int depth = 1;
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (t == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    JsonToken v = p.nextToken();
                    if (v == JsonToken.VALUE_STRING && FIELDS.contains(key)) {
                        return p.getText();
                    }
                    if (v == JsonToken.START_OBJECT) {
                        if (depth >= 2) {
                            p.skipChildren();
                        } else {
                            depth++;
                        }
                    } else if (v == JsonToken.START_ARRAY) {
                        p.skipChildren();
                    }
                } else if (t == JsonToken.END_OBJECT) {
                    depth--;
                    if (depth == 0) {
                        return null;
                    }
                }
            }
        } catch (IOException e) {
            return null;
        }
        return null;
    }

    /** The detector's former keyword search over a lower-cased copy. */
    private static String referenceKeyword(String line) {
        String[][] keywords = {{"trace", "trace"}, {"debug", "debug"}, {"fatal", "fatal"}, {"critical", "critical"},
            {"error", "error"}, {"err", "error"}, {"warning", "warn"}, {"warn", "warn"}, {"info", "info"}};
        String lower = line.toLowerCase(Locale.ROOT);
        int bestPos = lower.length();
        String best = "unknown";
        for (String[] k : keywords) {
            int from = 0;
            int pos;
            while (true) {
                pos = lower.indexOf(k[0], from);
                if (pos < 0) {
                    break;
                }
                if (boundary(lower, pos - 1, " \t\n[({\"'=|") && boundary(lower, pos + k[0].length(), " \t\n[](){}:,!\"'=|")) {
                    break;
                }
                from = pos + 1;
            }
            if (pos >= 0 && pos < bestPos) {
                bestPos = pos;
                best = k[1];
            }
        }
        return best;
    }

    private static boolean boundary(String s, int i, String chars) {
        return i < 0 || i >= s.length() || chars.indexOf(s.charAt(i)) >= 0;
    }
}
