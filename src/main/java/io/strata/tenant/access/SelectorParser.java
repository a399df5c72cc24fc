package io.strata.tenant.access;

import io.strata.model.MatchType;
import io.strata.model.Matcher;
import io.strata.model.StrataException;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses one stream selector of an access policy: {@code {name op value, ...}} with the operators
 * {@code = != =~ !~}, label names {@code [a-zA-Z_][a-zA-Z0-9_]*}, values in double quotes (Go escapes:
 * {@code \" \\ \n \t \r \a \b \f \v \xHH \ uHHHH \UHHHHHHHH} and octal) or backticks (raw). Whitespace
 * is free, a trailing comma is allowed. Regexes are RE2 and fully anchored (see {@link Matcher}).
 * The selector must hold at least one matcher; at most {@value #MAX_LENGTH} characters.
 */
public final class SelectorParser {
    public static final int MAX_LENGTH = 4096;

    private final String text;
    private int pos;

    private SelectorParser(String text) {
        this.text = text;
    }

    /**
     * @throws StrataException BAD_REQUEST {@code invalid stream selector '<text>': <reason> at col <n>}
     */
    public static StreamSelector parse(String text) {
        if (text == null) {
            throw StrataException.badRequest("invalid stream selector: null");
        }
        if (text.length() > MAX_LENGTH) {
            throw StrataException.badRequest("invalid stream selector: longer than " + MAX_LENGTH + " characters");
        }
        return new SelectorParser(text).selector();
    }

    private StreamSelector selector() {
        skipSpace();
        expect('{');
        List<Matcher> matchers = new ArrayList<>();
        skipSpace();
        while (peek() != '}') {
            matchers.add(matcher());
            skipSpace();
            if (peek() == ',') {
                pos++;
                skipSpace();
            } else if (peek() != '}') {
                throw error("expected ',' or '}'");
            }
        }
        pos++;
        skipSpace();
        if (pos != text.length()) {
            throw error("unexpected text after '}'");
        }
        if (matchers.isEmpty()) {
            throw error("a selector needs at least one matcher");
        }
        return new StreamSelector(matchers);
    }

    private Matcher matcher() {
        String name = labelName();
        skipSpace();
        MatchType type = operator();
        skipSpace();
        String value = value();
        try {
            return Matcher.of(type, name, value);
        } catch (StrataException e) {
            throw error(e.getMessage());
        }
    }

    private String labelName() {
        int start = pos;
        if (pos < text.length() && isNameStart(text.charAt(pos))) {
            pos++;
            while (pos < text.length() && isNamePart(text.charAt(pos))) {
                pos++;
            }
        }
        if (start == pos) {
            throw error("expected a label name");
        }
        return text.substring(start, pos);
    }

    private MatchType operator() {
        if (text.startsWith("=~", pos)) {
            pos += 2;
            return MatchType.REGEX;
        }
        if (text.startsWith("!~", pos)) {
            pos += 2;
            return MatchType.NOT_REGEX;
        }
        if (text.startsWith("!=", pos)) {
            pos += 2;
            return MatchType.NOT_EQUAL;
        }
        if (text.startsWith("=", pos)) {
            pos++;
            return MatchType.EQUAL;
        }
        throw error("expected one of = != =~ !~");
    }

    private String value() {
        char q = peek();
        if (q == '`') {
            int end = text.indexOf('`', pos + 1);
            if (end < 0) {
                throw error("unterminated raw string");
            }
            String v = text.substring(pos + 1, end);
            pos = end + 1;
            return v;
        }
        if (q != '"') {
            throw error("expected a quoted value");
        }
        pos++;
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (pos >= text.length()) {
                throw error("unterminated string");
            }
            char c = text.charAt(pos++);
            if (c == '"') {
                return sb.toString();
            }
            if (c == '\n') {
                throw error("newline in string");
            }
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            if (pos >= text.length()) {
                throw error("unterminated string");
            }
            char e = text.charAt(pos++);
            switch (e) {
                case '"' -> sb.append('"');
                case '\\' -> sb.append('\\');
                case '\'' -> sb.append('\'');
                case 'n' -> sb.append('\n');
                case 't' -> sb.append('\t');
                case 'r' -> sb.append('\r');
                case 'a' -> sb.append('\u0007');
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'v' -> sb.append('\u000b');
                case 'x' -> sb.appendCodePoint(hex(2));
                case 'u' -> sb.appendCodePoint(hex(4));
                case 'U' -> sb.appendCodePoint(hex(8));
                default -> {
                    if (e >= '0' && e <= '7') {
                        pos--;
                        sb.appendCodePoint(octal());
                    } else {
                        throw error("unknown escape sequence \\" + e);
                    }
                }
            }
        }
    }

    private int hex(int digits) {
        if (pos + digits > text.length()) {
            throw error("short escape sequence");
        }
        int v = 0;
        for (int i = 0; i < digits; i++) {
            int d = Character.digit(text.charAt(pos++), 16);
            if (d < 0) {
                throw error("invalid hex escape");
            }
            v = v * 16 + d;
        }
        if (v > Character.MAX_CODE_POINT || (v >= 0xD800 && v <= 0xDFFF)) {
            throw error("escape is not a valid Unicode code point");
        }
        return v;
    }

    private int octal() {
        if (pos + 3 > text.length()) {
            throw error("short escape sequence");
        }
        int v = 0;
        for (int i = 0; i < 3; i++) {
            char c = text.charAt(pos++);
            if (c < '0' || c > '7') {
                throw error("invalid octal escape");
            }
            v = v * 8 + (c - '0');
        }
        if (v > 255) {
            throw error("octal escape out of range");
        }
        return v;
    }

    private static boolean isNameStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }

    private static boolean isNamePart(char c) {
        return isNameStart(c) || (c >= '0' && c <= '9');
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private void expect(char c) {
        if (peek() != c) {
            throw error("expected '" + c + "'");
        }
        pos++;
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private StrataException error(String reason) {
        return StrataException.badRequest(
                "invalid stream selector '" + text + "': " + reason + " at col " + (pos + 1));
    }
}
