package io.strata.logql.log;

/**
 * Loki's label-name sanitising for parsed keys: trim surrounding white space, replace every rune
 * outside {@code [A-Za-z0-9_]} with {@code _}, and prefix {@code _} when the name starts with a
 * digit. Appends into a reusable byte buffer.
 */
final class LabelNames {
    private LabelNames() {}

    /** Appends the sanitised key {@code b[s, e)} to {@code out} (length {@code n}); returns the new length. */
    static int appendSanitized(byte[] b, int s, int e, ByteBuffer out) {
        while (s < e && isSpace(b[s])) {
            s++;
        }
        while (e > s && isSpace(b[e - 1])) {
            e--;
        }
        if (s == e) {
            return out.length;
        }
        if (out.length == 0 && b[s] >= '0' && b[s] <= '9') {
            out.append((byte) '_');
        }
        int i = s;
        while (i < e) {
            byte c = b[i];
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_') {
                out.append(c);
                i++;
            } else if (c >= 0) {
                out.append((byte) '_');
                i++;
            } else {
                out.append((byte) '_');
                i += runeLength(b, i, e);
            }
        }
        return out.length;
    }

    static String sanitize(String key) {
        byte[] b = key.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        ByteBuffer out = new ByteBuffer();
        appendSanitized(b, 0, b.length, out);
        return out.toString();
    }

    private static boolean isSpace(byte c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x0b || c == 0x0c;
    }

    private static int runeLength(byte[] b, int i, int e) {
        int c = b[i] & 0xFF;
        int n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
        int k = 1;
        while (k < n && i + k < e && (b[i + k] & 0xC0) == 0x80) {
            k++;
        }
        return k;
    }

    /** A growable byte buffer. */
    static final class ByteBuffer {
        byte[] bytes = new byte[64];
        int length;

        void append(byte c) {
            if (length == bytes.length) {
                bytes = java.util.Arrays.copyOf(bytes, length * 2);
            }
            bytes[length++] = c;
        }

        void append(byte[] b, int s, int e) {
            for (int i = s; i < e; i++) {
                append(b[i]);
            }
        }

        @Override
        public String toString() {
            return new String(bytes, 0, length, java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
