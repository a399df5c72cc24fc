package io.strata.logql.syntax;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/** Go/Prometheus string literal rules: unquoting ({@code strutil.Unquote}) and {@code strconv.Quote}. */
final class GoStrings {
    private GoStrings() {
    }

    /**
     * Unquotes a scanned {@code "..."} or {@code `...`} literal. Escapes that produce raw bytes
     * ({@code \xNN}, octal) are assembled as UTF-8 and decoded (invalid sequences become U+FFFD).
     */
    static String unquote(String lit, Consumer<String> error) {
        int n = lit.length();
        if (n < 2 || lit.charAt(0) != lit.charAt(n - 1)) {
            error.accept("invalid syntax");
        }
        char quote = lit.charAt(0);
        String s = lit.substring(1, n - 1);
        if (quote == '`') {
            if (s.indexOf('`') >= 0) {
                error.accept("invalid syntax");
            }
            return s;
        }
        if (s.indexOf('\\') < 0 && s.indexOf(quote) < 0) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length() + 8);
        int i = 0;
        while (i < s.length()) {
            int c = s.codePointAt(i);
            if (c == quote) {
                error.accept("invalid syntax");
            }
            if (c != '\\') {
                writeUtf8(out, c);
                i += Character.charCount(c);
                continue;
            }
            if (i + 1 >= s.length()) {
                error.accept("invalid syntax");
            }
            char e = s.charAt(i + 1);
            i += 2;
            switch (e) {
                case 'a' -> out.write(7);
                case 'b' -> out.write('\b');
                case 'f' -> out.write('\f');
                case 'n' -> out.write('\n');
                case 'r' -> out.write('\r');
                case 't' -> out.write('\t');
                case 'v' -> out.write(11);
                case '\\' -> out.write('\\');
                case '\'', '"' -> {
                    if (e != quote) {
                        error.accept("invalid syntax");
                    }
                    out.write(e);
                }
                case 'x', 'u', 'U' -> {
                    int len = e == 'x' ? 2 : e == 'u' ? 4 : 8;
                    if (i + len > s.length()) {
                        error.accept("invalid syntax");
                    }
                    long v = 0;
                    for (int k = 0; k < len; k++) {
                        int d = Character.digit(s.charAt(i + k), 16);
                        if (d < 0) {
                            error.accept("invalid syntax");
                        }
                        v = v * 16 + d;
                    }
                    i += len;
                    if (e == 'x') {
                        out.write((int) v);
                    } else {
                        if (v > Character.MAX_CODE_POINT || (v >= 0xD800 && v <= 0xDFFF)) {
                            error.accept("invalid syntax");
                        }
                        writeUtf8(out, (int) v);
                    }
                }
                case '0', '1', '2', '3', '4', '5', '6', '7' -> {
                    if (i + 2 > s.length()) {
                        error.accept("invalid syntax");
                    }
                    int v = e - '0';
                    for (int k = 0; k < 2; k++) {
                        int d = s.charAt(i + k) - '0';
                        if (d < 0 || d > 7) {
                            error.accept("invalid syntax");
                        }
                        v = v * 8 + d;
                    }
                    i += 2;
                    if (v > 255) {
                        error.accept("invalid syntax");
                    }
                    out.write(v);
                }
                default -> error.accept("invalid syntax");
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static void writeUtf8(ByteArrayOutputStream out, int cp) {
        if (cp < 0x80) {
            out.write(cp);
        } else if (cp < 0x800) {
            out.write(0xC0 | (cp >> 6));
            out.write(0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
            out.write(0xE0 | (cp >> 12));
            out.write(0x80 | ((cp >> 6) & 0x3F));
            out.write(0x80 | (cp & 0x3F));
        } else {
            out.write(0xF0 | (cp >> 18));
            out.write(0x80 | ((cp >> 12) & 0x3F));
            out.write(0x80 | ((cp >> 6) & 0x3F));
            out.write(0x80 | (cp & 0x3F));
        }
    }

    /** Go's {@code strconv.Quote}: printable runes as is, others escaped. */
    static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2);
        appendQuoted(sb, s);
        return sb.toString();
    }

    static void appendQuoted(StringBuilder sb, String s) {
        sb.append('"');
        int i = 0;
        while (i < s.length()) {
            int c = s.codePointAt(i);
            i += Character.charCount(c);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case 7 -> sb.append("\\a");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case 11 -> sb.append("\\v");
                default -> {
                    if (isPrint(c)) {
                        sb.appendCodePoint(c);
                    } else if (Character.isSurrogate((char) c) && c <= 0xFFFF) {
                        sb.append("\\ufffd"); // Go renders an invalid byte as \x..; we only have a lone surrogate
                    } else if (c < 0x20 || c == 0x7f) {
                        sb.append(String.format("\\x%02x", c));
                    } else if (c < 0x10000) {
                        sb.append(String.format("\\u%04x", c));
                    } else {
                        sb.append(String.format("\\U%08x", c));
                    }
                }
            }
        }
        sb.append('"');
    }

    /** Go's unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space. */
    static boolean isPrint(int c) {
        if (c < 0x80) {
            return c >= 0x20 && c < 0x7f;
        }
        return switch (Character.getType(c)) {
            case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
                    Character.MODIFIER_LETTER, Character.OTHER_LETTER, Character.NON_SPACING_MARK,
                    Character.ENCLOSING_MARK, Character.COMBINING_SPACING_MARK, Character.DECIMAL_DIGIT_NUMBER,
                    Character.LETTER_NUMBER, Character.OTHER_NUMBER, Character.CONNECTOR_PUNCTUATION,
                    Character.DASH_PUNCTUATION, Character.START_PUNCTUATION, Character.END_PUNCTUATION,
                    Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
                    Character.OTHER_PUNCTUATION, Character.MATH_SYMBOL, Character.CURRENCY_SYMBOL,
                    Character.MODIFIER_SYMBOL, Character.OTHER_SYMBOL -> true;
            default -> false;
        };
    }
}
