package io.strata.logql.log;

import io.strata.logql.log.JsonScanner.SyntaxError;
import java.nio.charset.StandardCharsets;

/**
 * {@code | json} without parameters: flattens the top-level JSON object into parsed labels.
 * Nested object keys are joined with {@code _}; every key is sanitised ({@link LabelNames});
 * strings are unescaped (invalid UTF-8 → spaces), numbers keep their source text, booleans become
 * {@code true}/{@code false}; {@code null} and arrays are skipped. Names clashing with stream or
 * metadata labels get {@code _extracted}; the first value of a name wins.
 *
 * <p>A line that is not an object sets {@code __error__="JSONParserErr"} with
 * {@code __error_details__} = the jsonparser message; labels found before a syntax error stay.
 * Bytes after the closing brace are ignored. Works on bytes; keys are interned. Not thread-safe.
 */
public final class JsonParserStage implements Stage {
    public static final String JSON_PARSER_ERR = "JSONParserErr";
    private static final int MAX_DEPTH = 64;

    private final StringCache keys = new StringCache();
    private final ParserHints hints;
    private final LabelNames.ByteBuffer prefix = new LabelNames.ByteBuffer();
    private static final StringCache.Decoder UNESCAPE = (b, s, e) -> {
        String v = JsonScanner.unescape(b, s, e);
        return v == null ? "" : v;
    };
    private static final StringCache.Decoder RAW = (b, s, e) -> new String(b, s, e - s, StandardCharsets.ISO_8859_1);

    public JsonParserStage() {
        this(null);
    }

    /** @param hints the only labels the query reads, or null for every label (the whole line is still validated) */
    public JsonParserStage(ParserHints hints) {
        this.hints = hints;
    }

    @Override
    public boolean process(long timestampNanos, Line line, LabelsBuilder labels) {
        byte[] b = line.buffer();
        int end = line.offset() + line.length();
        int i = JsonScanner.skipSpace(b, line.offset(), end);
        if (i >= end || b[i] != '{') {
            labels.setError(JSON_PARSER_ERR, JsonScanner.MALFORMED_OBJECT);
            return true;
        }
        prefix.length = 0;
        try {
            parseObject(b, i, end, labels, 0);
        } catch (SyntaxError e) {
            labels.setError(JSON_PARSER_ERR, e.getMessage());
        }
        return true;
    }

    private int parseObject(byte[] b, int i, int end, LabelsBuilder labels, int depth) throws SyntaxError {
        if (depth > MAX_DEPTH) {
            throw new SyntaxError(JsonScanner.MALFORMED_JSON);
        }
        i++;
        while (true) {
            i = JsonScanner.skipSpace(b, i, end);
            if (i >= end) {
                throw new SyntaxError(JsonScanner.MALFORMED_OBJECT);
            }
            if (b[i] == '}') {
                return i + 1;
            }
            if (b[i] != '"') {
                throw new SyntaxError(JsonScanner.MALFORMED_JSON);
            }
            int keyStart = i + 1;
            int afterKey = JsonScanner.skipString(b, i, end);
            int keyEnd = afterKey - 1;
            i = JsonScanner.skipSpace(b, afterKey, end);
            if (i >= end || b[i] != ':') {
                throw new SyntaxError(JsonScanner.MALFORMED_JSON);
            }
            i = JsonScanner.skipSpace(b, i + 1, end);
            if (i >= end) {
                throw new SyntaxError(JsonScanner.MALFORMED_VALUE);
            }
            int prefixLen = prefix.length;
            switch (JsonScanner.valueType(b[i])) {
                case JsonScanner.OBJECT -> {
                    appendKey(b, keyStart, keyEnd);
                    i = parseObject(b, i, end, labels, depth + 1);
                    prefix.length = prefixLen;
                }
                case JsonScanner.STRING -> {
                    int vEnd = JsonScanner.skipString(b, i, end);
                    if (hasBackslash(b, i + 1, vEnd - 1)) {
                        set(b, keyStart, keyEnd, UNESCAPE.decode(b, i + 1, vEnd - 1), labels, prefixLen);
                    } else {
                        setRaw(b, keyStart, keyEnd, i + 1, vEnd - 1, labels, prefixLen);
                    }
                    i = vEnd;
                }
                case JsonScanner.NUMBER -> {
                    int vEnd = JsonScanner.skipScalar(b, i, end);
                    setRaw(b, keyStart, keyEnd, i, vEnd, labels, prefixLen);
                    i = vEnd;
                }
                case JsonScanner.BOOLEAN -> {
                    int vEnd = JsonScanner.skipScalar(b, i, end);
                    set(b, keyStart, keyEnd, b[i] == 't' ? "true" : "false", labels, prefixLen);
                    i = vEnd;
                }
                case JsonScanner.NULL -> i = JsonScanner.skipScalar(b, i, end);
                case JsonScanner.ARRAY -> i = JsonScanner.skipBlock(b, i, end);
                default -> throw new SyntaxError(JsonScanner.UNKNOWN_TYPE);
            }
            i = JsonScanner.skipSpace(b, i, end);
            if (i >= end) {
                throw new SyntaxError(JsonScanner.MALFORMED_OBJECT);
            }
            if (b[i] == ',') {
                i++;
            } else if (b[i] == '}') {
                return i + 1;
            } else {
                throw new SyntaxError(JsonScanner.MALFORMED_JSON);
            }
        }
    }

    /** Appends a key segment (sanitised, '_'-joined) to the prefix buffer. */
    private void appendKey(byte[] b, int s, int e) {
        byte[] src = b;
        for (int k = s; k < e; k++) {
            if (b[k] == '\\') {
                String u = JsonScanner.unescape(b, s, e);
                src = (u == null ? "" : u).getBytes(StandardCharsets.UTF_8);
                s = 0;
                e = src.length;
                break;
            }
        }
        int trimmedStart = s;
        int trimmedEnd = e;
        while (trimmedStart < trimmedEnd && src[trimmedStart] <= ' ' && src[trimmedStart] >= 0) {
            trimmedStart++;
        }
        while (trimmedEnd > trimmedStart && src[trimmedEnd - 1] <= ' ' && src[trimmedEnd - 1] >= 0) {
            trimmedEnd--;
        }
        if (trimmedStart == trimmedEnd) {
            return;
        }
        if (prefix.length > 0) {
            prefix.append((byte) '_');
        }
        LabelNames.appendSanitized(src, trimmedStart, trimmedEnd, prefix);
    }

    private static boolean hasBackslash(byte[] b, int s, int e) {
        for (int k = s; k < e; k++) {
            if (b[k] == '\\') {
                return true;
            }
        }
        return false;
    }

    private void setRaw(byte[] b, int keyStart, int keyEnd, int vs, int ve, LabelsBuilder labels, int prefixLen) {
        appendKey(b, keyStart, keyEnd);
        if (prefix.length == prefixLen && prefixLen == 0) {
            return;
        }
        String key = keys.get(prefix.bytes, 0, prefix.length, RAW);
        prefix.length = prefixLen;
        if (hints == null || hints.wanted(key)) {
            labels.setParsedFirstRaw(key, b, vs, ve);
        }
    }

    private void set(byte[] b, int keyStart, int keyEnd, String value, LabelsBuilder labels, int prefixLen) {
        appendKey(b, keyStart, keyEnd);
        if (prefix.length == prefixLen && prefixLen == 0) {
            return; // empty top-level key: skipped
        }
        String key = keys.get(prefix.bytes, 0, prefix.length, RAW);
        prefix.length = prefixLen;
        if (hints == null || hints.wanted(key)) {
            labels.setParsedFirst(key, value);
        }
    }
}
