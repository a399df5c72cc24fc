package io.strata.logql.syntax;

/**
 * Decodes raw query bytes the way Loki's scanner sees them: valid UTF-8 becomes normal chars,
 * every byte of an invalid sequence becomes a lone surrogate, which the lexer reports as
 * {@code invalid UTF-8 encoding} at Loki's position.
 */
final class Utf8Input {
    private Utf8Input() {
    }

    static String decode(byte[] b) {
        StringBuilder sb = new StringBuilder(b.length);
        int i = 0;
        while (i < b.length) {
            int c = b[i] & 0xff;
            int n;
            int cp;
            if (c < 0x80) {
                sb.append((char) c);
                i++;
                continue;
            } else if (c >= 0xC2 && c <= 0xDF) {
                n = 1;
                cp = c & 0x1F;
            } else if (c >= 0xE0 && c <= 0xEF) {
                n = 2;
                cp = c & 0x0F;
            } else if (c >= 0xF0 && c <= 0xF4) {
                n = 3;
                cp = c & 0x07;
            } else {
                sb.append((char) (0xDC00 | c));
                i++;
                continue;
            }
            boolean ok = i + n < b.length;
            if (ok) {
                for (int k = 1; k <= n; k++) {
                    int cc = b[i + k] & 0xff;
                    if ((cc & 0xC0) != 0x80) {
                        ok = false;
                        break;
                    }
                    cp = (cp << 6) | (cc & 0x3F);
                }
            }
            if (ok && ((n == 2 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) || (n == 3 && (cp < 0x10000 || cp > 0x10FFFF)))) {
                ok = false;
            }
            if (!ok) {
                sb.append((char) (0xDC00 | c));
                i++;
                continue;
            }
            sb.appendCodePoint(cp);
            i += n + 1;
        }
        return sb.toString();
    }
}
