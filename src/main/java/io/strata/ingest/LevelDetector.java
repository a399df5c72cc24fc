package io.strata.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.strata.model.Labels;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Finds the {@code detected_level} of an entry as Loki 3.x's distributor does (see
 * {@code INGEST.md}): a level-like stream label, else a level-like structured metadata key, else
 * the OTLP {@code severity_number}, else the line itself — a JSON field (up to a depth), a logfmt
 * key, or finally the first level keyword standing as a word. Known values are normalised to
 * {@code trace debug info warn error critical fatal}; nothing found is {@code unknown}.
 *
 * <p>Not thread-safe: it keeps a scratch copy of the line being scanned (one instance per push).
 */
public final class LevelDetector {
    private static final JsonFactory JSON = new JsonFactory();
    private static final String[][] KEYWORDS = {
        {"trace", "trace"}, {"debug", "debug"}, {"fatal", "fatal"}, {"critical", "critical"}, {"error", "error"},
        {"err", "error"}, {"warning", "warn"}, {"warn", "warn"}, {"info", "info"},
    };

    private final List<String> fields;
    private final Set<String> fieldSet;
    private final int jsonMaxDepth;
    private final long fieldLengths; // bit k set when some field is k chars long (k < 64)
    private final String[] fieldArray;
    private char[] chars = new char[512]; // the line being scanned, copied in bulk

    public LevelDetector(List<String> fields, int jsonMaxDepth) {
        this.fields = List.copyOf(fields);
        this.fieldSet = Set.copyOf(fields);
        this.fieldArray = fields.toArray(String[]::new);
        this.jsonMaxDepth = jsonMaxDepth;
        long lengths = 0;
        for (String f : fields) {
            lengths |= f.length() < 64 ? 1L << f.length() : 1L << 63;
        }
        this.fieldLengths = lengths;
    }

    /** The level for an entry of a stream, never null. */
    public String detect(Labels stream, Labels metadata, String line) {
        return detect(streamLevel(stream), metadata, line);
    }

    /** The level a stream's labels give every entry of the stream, or null: computed once per stream. */
    public String streamLevel(Labels stream) {
        for (String f : fields) {
            String v = stream.get(f);
            if (v != null) {
                return normalize(v);
            }
        }
        return null;
    }

    /** {@link #detect(Labels, Labels, String)} with the stream's part already known ({@link #streamLevel}). */
    public String detect(String streamLevel, Labels metadata, String line) {
        return detect(streamLevel, metadata, line, null);
    }

    /** As {@link #detect(String, Labels, String)}; {@code copy}, when not null, already holds the line's chars. */
    String detect(String streamLevel, Labels metadata, String line, char[] copy) {
        if (streamLevel != null) {
            return streamLevel;
        }
        if (!metadata.isEmpty()) {
            for (String f : fields) {
                String v = metadata.get(f);
                if (v != null) {
                    return normalize(v);
                }
            }
            String severity = metadata.get("severity_number");
            if (severity != null && !severity.isEmpty()) {
                return fromSeverityNumber(severity);
            }
        }
        return fromLine(line, copy);
    }

    /** Loki's normalisation: known spellings to the canonical level, anything else unchanged. */
    public static String normalize(String v) {
        String known = canonical(v);
        return known != null ? known : v;
    }

    private static String canonical(String v) {
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "trace", "trc" -> "trace";
            case "debug", "dbg" -> "debug";
            case "info", "inf", "information" -> "info";
            case "warn", "wrn", "warning" -> "warn";
            case "error", "err" -> "error";
            case "critical" -> "critical";
            case "fatal" -> "fatal";
            default -> null;
        };
    }

    private static String fromSeverityNumber(String text) {
        int n;
        try {
            n = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return "info";
        }
        if (n == 0) {
            return "unknown";
        } else if (n <= 4) {
            return "trace";
        } else if (n <= 8) {
            return "debug";
        } else if (n <= 12) {
            return "info";
        } else if (n <= 16) {
            return "warn";
        } else if (n <= 20) {
            return "error";
        } else if (n <= 24) {
            return "fatal";
        }
        return "unknown";
    }

    String fromLine(String line) {
        return fromLine(line, null);
    }

    private String fromLine(String line, char[] copy) {
        int n = line.length();
        char[] c = copy;
        if (c == null) {
            if (n > chars.length) {
                chars = new char[Math.max(n, chars.length * 2)];
            }
            c = chars;
            line.getChars(0, n, c, 0);
        }
        String value = null;
        if (looksLikeJson(line)) {
            value = jsonLevel(line);
        } else if (line.indexOf('=') >= 0) {
            value = logfmtLevel(line, c, n);
        } else {
            return keyword(c, n);
        }
        String known = value == null ? null : canonical(value);
        return known != null ? known : keyword(c, n);
    }

    private static boolean looksLikeJson(String line) {
        int i = 0;
        while (i < line.length() && Character.isWhitespace(line.charAt(i))) {
            i++;
        }
        int j = line.length() - 1;
        while (j >= 0 && Character.isWhitespace(line.charAt(j))) {
            j--;
        }
        return i < j && line.charAt(i) == '{' && line.charAt(j) == '}';
    }

    private String jsonLevel(String line) {
        String quick = JsonLevelScan.firstField(line, fieldSet);
        if (quick != null) {
            return quick == JsonLevelScan.ABSENT ? null : quick;
        }
        try (JsonParser p = JSON.createParser(line)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            int depth = 1;
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (t == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    JsonToken v = p.nextToken();
                    if (v == JsonToken.VALUE_STRING && fieldSet.contains(key)) {
                        return p.getText();
                    }
                    if (v == JsonToken.START_OBJECT) {
                        if (jsonMaxDepth > 0 && depth >= jsonMaxDepth) {
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

    /** The value of the first configured field (earliest in the field list wins), keys case-insensitive. */
    private String logfmtLevel(String line, char[] c, int n) {
        int best = fields.size();
        String result = null;
        int i = 0;
        while (i < n) {
            while (i < n && c[i] <= ' ') {
                i++;
            }
            int ks = i;
            char k;
            while (i < n && (k = c[i]) > ' ' && k != '=' && k != '"') {
                i++;
            }
            int keyLength = i - ks;
            int match = -1;
            boolean possible = keyLength > 0 && (fieldLengths & (1L << Math.min(keyLength, 63))) != 0;
            for (int x = 0; x < best && possible; x++) {
                String f = fieldArray[x];
                if (f.length() == keyLength && line.regionMatches(true, ks, f, 0, keyLength)) {
                    match = x;
                    break;
                }
            }
            String value = "";
            if (i < n && c[i] == '=') {
                i++;
                if (i < n && c[i] == '"') {
                    StringBuilder sb = match >= 0 ? new StringBuilder() : null;
                    i++;
                    while (i < n && c[i] != '"') {
                        char ch = c[i++];
                        if (ch == '\\' && i < n) {
                            ch = c[i++];
                        }
                        if (sb != null) {
                            sb.append(ch);
                        }
                    }
                    i++;
                    value = sb == null ? "" : sb.toString();
                } else {
                    int vs = i;
                    while (i < n && c[i] > ' ') {
                        i++;
                    }
                    value = match >= 0 ? line.substring(vs, i) : "";
                }
            } else if (i < n && c[i] == '"') {
                i++; // stray quote: skip it
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

    /**
     * The level keyword that starts earliest in the line as a word of its own, else {@code unknown};
     * at one position the first keyword of {@link #KEYWORDS} wins. One pass, no lower-cased copy:
     * keywords are ASCII, and no character outside ASCII lower-cases (Locale.ROOT) to one of their
     * letters in a way that could complete a keyword, so ASCII case folding is equivalent.
     */
    static String keyword(String line) {
        return keyword(line.toCharArray(), line.length());
    }

    private static final boolean[] KEYWORD_START = new boolean[128];

    static {
        for (char c : "tdfcewiTDFCEWI".toCharArray()) {
            KEYWORD_START[c] = true;
        }
    }

    private static String keyword(char[] line, int n) {
        for (int i = 0; i < n; i++) {
            char c = line[i];
            if (c >= 0x80 || !KEYWORD_START[c] || !leftBoundary(line, n, i - 1)) {
                continue;
            }
            int first = c | 0x20;
            for (String[] k : KEYWORDS) {
                String word = k[0];
                if (word.charAt(0) == first && asciiMatch(line, n, i, word) && rightBoundary(line, n, i + word.length())) {
                    return k[1];
                }
            }
        }
        return "unknown";
    }

    private static boolean asciiMatch(char[] line, int n, int at, String word) {
        int len = word.length();
        if (at + len > n) {
            return false;
        }
        for (int j = 0; j < len; j++) {
            char c = line[at + j];
            if (c >= 0x80 || (c >= 'A' && c <= 'Z' ? c | 0x20 : c) != word.charAt(j)) {
                return false;
            }
        }
        return true;
    }

    private static boolean leftBoundary(char[] s, int n, int i) {
        if (i < 0 || i >= n) {
            return true;
        }
        char c = s[i];
        return c == ' ' || c == '\t' || c == '\n' || c == '[' || c == '(' || c == '{' || c == '"' || c == '\''
                || c == '=' || c == '|';
    }

    private static boolean rightBoundary(char[] s, int n, int i) {
        if (i < 0 || i >= n) {
            return true;
        }
        char c = s[i];
        return c == ' ' || c == '\t' || c == '\n' || c == '[' || c == ']' || c == '(' || c == ')' || c == '{'
                || c == '}' || c == ':' || c == ',' || c == '!' || c == '"' || c == '\'' || c == '=' || c == '|';
    }
}
