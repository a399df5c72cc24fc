package io.strata.logql.log;

import java.nio.charset.StandardCharsets;

/**
 * Minimal allocation-free JSON tokenizer over UTF-8 bytes, with the error texts of the
 * {@code jsonparser} library Loki uses (they end up in {@code __error_details__}). Static
 * methods only; positions are absolute indexes into the buffer.
 */
final class JsonScanner {
    static final String MALFORMED_OBJECT = "Value looks like object, but can't find closing '}' symbol";
    static final String MALFORMED_ARRAY = "Value is array, but can't find closing ']' symbol";
    static final String MALFORMED_STRING = "Value looks like string, but can't find closing '\"' symbol";
    static final String MALFORMED_VALUE = "Value looks like Number/Boolean/None, but can't find its end: ',' or '}' symbol";
    static final String MALFORMED_JSON = "Malformed JSON error";
    static final String UNKNOWN_TYPE = "Unknown value type";

    /** Value types, as returned by {@link #valueType}. */
    static final int STRING = 1;
    static final int NUMBER = 2;
    static final int OBJECT = 3;
    static final int ARRAY = 4;
    static final int BOOLEAN = 5;
    static final int NULL = 6;

    /** A syntax error; carries no stack trace (it is control flow on bad data). */
    static final class SyntaxError extends Exception {
        SyntaxError(String message) {
            super(message, null, false, false);
        }
    }

    private JsonScanner() {}

    static int skipSpace(byte[] b, int i, int end) {
        while (i < end) {
            byte c = b[i];
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                return i;
            }
            i++;
        }
        return i;
    }

    static int valueType(byte c) {
        return switch (c) {
            case '"' -> STRING;
            case '{' -> OBJECT;
            case '[' -> ARRAY;
            case 't', 'f' -> BOOLEAN;
            case 'n' -> NULL;
            default -> (c == '-' || (c >= '0' && c <= '9')) ? NUMBER : 0;
        };
    }

    /** Given i at an opening quote, returns the index just past the closing quote. */
    static int skipString(byte[] b, int i, int end) throws SyntaxError {
        i++;
        while (i < end) {
            byte c = b[i];
            if (c == '"') {
                return i + 1;
            }
            if (c == '\\') {
                i++;
            }
            i++;
        }
        throw new SyntaxError(MALFORMED_STRING);
    }

    /** Given i at '{' or '[', returns the index just past the matching close. */
    static int skipBlock(byte[] b, int i, int end) throws SyntaxError {
        byte open = b[i];
        int depth = 0;
        while (i < end) {
            byte c = b[i];
            if (c == '"') {
                i = skipString(b, i, end);
                continue;
            }
            if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                depth--;
                if (depth == 0) {
                    return i + 1;
                }
            }
            i++;
        }
        throw new SyntaxError(open == '{' ? MALFORMED_OBJECT : MALFORMED_ARRAY);
    }

    /** Given i at the first byte of a scalar (number, true, false, null), returns its end. */
    static int skipScalar(byte[] b, int i, int end) throws SyntaxError {
        int s = i;
        while (i < end) {
            byte c = b[i];
            if (c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == ',' || c == '}' || c == ']') {
                break;
            }
            i++;
        }
        if (i == end && s == i) {
            throw new SyntaxError(MALFORMED_VALUE);
        }
        return i;
    }

    /** Skips any value starting at i (after whitespace); returns its end. */
    static int skipValue(byte[] b, int i, int end) throws SyntaxError {
        return switch (valueType(b[i])) {
            case STRING -> skipString(b, i, end);
            case OBJECT, ARRAY -> skipBlock(b, i, end);
            case NUMBER, BOOLEAN, NULL -> skipScalar(b, i, end);
            default -> throw new SyntaxError(UNKNOWN_TYPE);
        };
    }

    /**
     * Decodes the JSON string whose content (without quotes) is {@code b[s, e)}; invalid escapes
     * yield null; each invalid UTF-8 sequence becomes a space, as Loki does.
     */
    static String unescape(byte[] b, int s, int e) {
        boolean simple = true;
        for (int i = s; i < e; i++) {
            if (b[i] == '\\' || b[i] < 0) {
                simple = false;
                break;
            }
        }
        if (simple) {
            return new String(b, s, e - s, StandardCharsets.ISO_8859_1);
        }
        StringBuilder sb = new StringBuilder(e - s);
        int i = s;
        while (i < e) {
            byte c = b[i];
            if (c == '\\') {
                if (i + 1 >= e) {
                    return null;
                }
                byte x = b[i + 1];
                i += 2;
                switch (x) {
                    case '"' -> sb.append('"');
                    case '\\' -> sb.append('\\');
                    case '/' -> sb.append('/');
                    case 'b' -> sb.append('\b');
                    case 'f' -> sb.append('\f');
                    case 'n' -> sb.append('\n');
                    case 'r' -> sb.append('\r');
                    case 't' -> sb.append('\t');
                    case 'u' -> {
                        int cp = hex4(b, i, e);
                        if (cp < 0) {
                            return null;
                        }
                        i += 4;
                        if (Character.isHighSurrogate((char) cp) && i + 6 <= e && b[i] == '\\' && b[i + 1] == 'u') {
                            int lo = hex4(b, i + 2, e);
                            if (lo >= 0 && Character.isLowSurrogate((char) lo)) {
                                sb.append((char) cp).append((char) lo);
                                i += 6;
                                continue;
                            }
                        }
                        if (Character.isSurrogate((char) cp)) {
                            sb.append('\uFFFD');
                        } else {
                            sb.append((char) cp);
                        }
                    }
                    default -> {
                        return null;
                    }
                }
            } else if (c >= 0) {
                sb.append((char) c);
                i++;
            } else {
                i = appendUtf8(b, i, e, sb);
            }
        }
        return sb.toString();
    }

    /** Appends one UTF-8 sequence at i (a space when invalid); returns the next index. */
    static int appendUtf8(byte[] b, int i, int e, StringBuilder sb) {
        int c = b[i] & 0xFF;
        int n;
        int cp;
        int min;
        if (c >= 0xC2 && c <= 0xDF) {
            n = 1;
            cp = c & 0x1F;
            min = 0x80;
        } else if (c >= 0xE0 && c <= 0xEF) {
            n = 2;
            cp = c & 0x0F;
            min = 0x800;
        } else if (c >= 0xF0 && c <= 0xF4) {
            n = 3;
            cp = c & 0x07;
            min = 0x10000;
        } else {
            sb.append(' ');
            return i + 1;
        }
        if (i + n >= e) {
            sb.append(' ');
            return i + 1;
        }
        for (int k = 1; k <= n; k++) {
            int d = b[i + k] & 0xFF;
            if ((d & 0xC0) != 0x80) {
                sb.append(' ');
                return i + 1;
            }
            cp = (cp << 6) | (d & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
            sb.append(' ');
            return i + 1;
        }
        sb.appendCodePoint(cp);
        return i + n + 1;
    }

    /** Decodes bytes as UTF-8 with each invalid sequence replaced by a space. */
    static String decodeLenient(byte[] b, int s, int e) {
        boolean ascii = true;
        for (int i = s; i < e; i++) {
            if (b[i] < 0) {
                ascii = false;
                break;
            }
        }
        if (ascii) {
            return new String(b, s, e - s, StandardCharsets.ISO_8859_1);
        }
        StringBuilder sb = new StringBuilder(e - s);
        int i = s;
        while (i < e) {
            if (b[i] >= 0) {
                sb.append((char) b[i++]);
            } else {
                i = appendUtf8(b, i, e, sb);
            }
        }
        return sb.toString();
    }

    private static int hex4(byte[] b, int i, int e) {
        if (i + 4 > e) {
            return -1;
        }
        int v = 0;
        for (int k = 0; k < 4; k++) {
            int d = Character.digit(b[i + k], 16);
            if (d < 0) {
                return -1;
            }
            v = v * 16 + d;
        }
        return v;
    }
}
