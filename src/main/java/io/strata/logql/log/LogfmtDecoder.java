package io.strata.logql.log;

/**
 * Scanner for logfmt {@code key=value} pairs over UTF-8 bytes, reproducing the decoder Loki uses
 * (go-logfmt with Loki's changes), including its error positions and reasons:
 * {@code logfmt syntax error at pos N : <reason>}. Reusable via {@link #reset}; not thread-safe.
 */
final class LogfmtDecoder {
    private byte[] b;
    private int start;
    private int end;
    private int pos;
    int keyStart;
    int keyEnd;      // keyStart == keyEnd: no key
    int valueStart;
    int valueEnd;    // valueStart == valueEnd: empty value
    String unquoted; // non-null when the value had escapes and was unquoted
    String error;    // first error message, or null

    void reset(byte[] b, int offset, int length) {
        this.b = b;
        this.start = offset;
        this.end = offset + length;
        this.pos = offset;
        this.error = null;
    }

    boolean eol() {
        return pos >= end;
    }

    /** Scans the next pair; false when the pair was malformed (or none was left). */
    boolean scanKeyval() {
        keyStart = keyEnd = valueStart = valueEnd = 0;
        unquoted = null;
        while (pos < end && (b[pos] & 0xFF) <= ' ') {
            pos++;
        }
        if (pos >= end) {
            return false;
        }
        int ks = pos;
        boolean multibyte = false;
        while (pos < end) {
            int c = b[pos] & 0xFF;
            if (c == '=') {
                if (pos > ks) {
                    keyStart = ks;
                    keyEnd = pos;
                    if (multibyte && invalidUtf8(ks, pos)) {
                        syntaxError("invalid key");
                        return skipValue();
                    }
                }
                if (keyEnd == keyStart) {
                    unexpected('=');
                    return skipValue();
                }
                return afterEqual();
            } else if (c == '"') {
                unexpected('"');
                return skipValue();
            } else if (c <= ' ') {
                if (pos > ks) {
                    keyStart = ks;
                    keyEnd = pos;
                    if (multibyte && invalidUtf8(ks, pos)) {
                        syntaxError("invalid key");
                        return false;
                    }
                }
                return true;
            } else if (c >= 0x80) {
                multibyte = true;
            }
            pos++;
        }
        if (pos > ks) {
            keyStart = ks;
            keyEnd = pos;
            if (multibyte && invalidUtf8(ks, pos)) {
                syntaxError("invalid key");
                return false;
            }
        }
        return true;
    }

    private boolean afterEqual() {
        pos++;
        if (pos >= end) {
            return true;
        }
        int c = b[pos] & 0xFF;
        if (c <= ' ') {
            return true;
        }
        if (c == '"') {
            return quotedValue();
        }
        int vs = pos;
        while (pos < end) {
            c = b[pos] & 0xFF;
            if (c == '=' || c == '"') {
                unexpected((char) c);
                return skipValue();
            }
            if (c <= ' ') {
                valueStart = vs;
                valueEnd = pos;
                return true;
            }
            pos++;
        }
        valueStart = vs;
        valueEnd = pos;
        return true;
    }

    private boolean skipValue() {
        while (pos < end) {
            if ((b[pos] & 0xFF) <= ' ') {
                return false;
            }
            pos++;
        }
        return false;
    }

    private boolean quotedValue() {
        boolean hasEsc = false;
        boolean esc = false;
        int qs = pos;
        for (int p = pos + 1; p < end; p++) {
            byte c = b[p];
            if (esc) {
                esc = false;
            } else if (c == '\\') {
                hasEsc = true;
                esc = true;
            } else if (c == '"') {
                pos = p + 1;
                if (hasEsc) {
                    String v = JsonScanner.unescape(b, qs + 1, p);
                    if (v == null) {
                        syntaxError("invalid quoted value");
                        return false;
                    }
                    unquoted = v;
                } else {
                    valueStart = qs + 1;
                    valueEnd = p;
                }
                return true;
            }
        }
        pos = end;
        syntaxError("unterminated quoted value");
        return false;
    }

    private boolean invalidUtf8(int s, int e) {
        StringBuilder sb = new StringBuilder();
        int i = s;
        while (i < e) {
            if (b[i] >= 0) {
                i++;
                continue;
            }
            int before = sb.length();
            i = JsonScanner.appendUtf8(b, i, e, sb);
            if (sb.charAt(before) == ' ') {
                return true;
            }
        }
        return false;
    }

    private void syntaxError(String msg) {
        error = "logfmt syntax error at pos " + (pos - start + 1) + " : " + msg;
    }

    private void unexpected(char c) {
        syntaxError("unexpected '" + c + "'");
    }

    boolean hasKey() {
        return keyEnd > keyStart;
    }

    boolean emptyValue() {
        return unquoted == null ? valueEnd == valueStart : unquoted.isEmpty();
    }

    byte[] buffer() {
        return b;
    }
}
