package io.strata.model;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses the two brace forms every Loki client sends:
 * <ul>
 *   <li>{@link #parseLabels}: a label set in Prometheus syntax, {@code {job="x", app="y"}} (the
 *   {@code labels} field of a push), with Go string escapes and {@code "}, {@code '} or
 *   {@code `} quotes; errors read like Prometheus' {@code 1:5: parse error: ...};</li>
 *   <li>{@link #parseSelector}: a stream selector {@code {app=~"a|b", env!="dev"}}; errors read
 *   like LogQL's {@code parse error at line 1, col 9: syntax error: ...}.</li>
 * </ul>
 * Pure hand-written scanner; columns are 1-based code unit offsets on the first line.
 */
public final class SelectorParser {
    private final String in;
    private final boolean selector;
    private int pos;

    private SelectorParser(String in, boolean selector) {
        this.in = in;
        this.selector = selector;
    }

    /**
     * Parses a label set in push syntax. Pairs come back in input order, duplicates included (the
     * caller reports them); an optional metric name before the brace becomes {@code __name__}.
     */
    public static List<Label> parseLabels(String text) {
        return new SelectorParser(text, false).labels();
    }

    /** Parses a stream selector into matchers (at least one). */
    public static List<Matcher> parseSelector(String text) {
        SelectorParser p = new SelectorParser(text, true);
        List<Matcher> matchers = p.matchers();
        return matchers;
    }

    private List<Label> labels() {
        List<Label> out = new ArrayList<>();
        skipSpace();
        if (pos < in.length() && isNameStart(in.charAt(pos))) {
            int start = pos;
            readName();
            out.add(new Label("__name__", in.substring(start, pos)));
            skipSpace();
            if (pos >= in.length()) {
                return out;
            }
        }
        if (pos >= in.length()) {
            throw fail(pos, "unexpected end of input");
        }
        if (in.charAt(pos) != '{') {
            throw fail(pos, "unexpected character: " + goQuoteRune(in.codePointAt(pos)));
        }
        pos++;
        while (true) {
            skipSpace();
            if (pos >= in.length()) {
                throw fail(pos, "unexpected end of input inside braces");
            }
            char c = in.charAt(pos);
            if (c == '}') {
                pos++;
                break;
            }
            String name;
            if (isNameStart(c)) {
                int start = pos;
                readName();
                name = in.substring(start, pos);
            } else if (c == '"' || c == '\'' || c == '`') {
                name = readString();
            } else {
                throw fail(pos, "unexpected character inside braces: " + goQuoteRune(in.codePointAt(pos)));
            }
            skipSpace();
            if (pos >= in.length()) {
                throw fail(pos, "unexpected end of input inside braces");
            }
            if (in.charAt(pos) != '=') {
                throw fail(pos, unexpectedToken() + " in label set, expected \"=\"");
            }
            pos++;
            skipSpace();
            if (pos >= in.length()) {
                throw fail(pos, "unexpected end of input inside braces");
            }
            c = in.charAt(pos);
            if (c != '"' && c != '\'' && c != '`') {
                throw fail(pos, unexpectedToken() + " in label set, expected string");
            }
            out.add(new Label(name, readString()));
            skipSpace();
            if (pos >= in.length()) {
                throw fail(pos, "unexpected end of input inside braces");
            }
            c = in.charAt(pos);
            if (c == ',') {
                pos++;
            } else if (c != '}') {
                throw fail(pos, unexpectedToken() + " in label set, expected \",\" or \"}\"");
            }
        }
        skipSpace();
        if (pos < in.length()) {
            throw fail(pos, "unexpected character: " + goQuoteRune(in.codePointAt(pos)));
        }
        return out;
    }

    private List<Matcher> matchers() {
        List<Matcher> out = new ArrayList<>();
        skipSpace();
        if (pos >= in.length()) {
            throw failSyntax(pos, "unexpected $end");
        }
        if (in.charAt(pos) != '{') {
            throw failSyntax(pos, "unexpected " + tokenText() + ", expecting {");
        }
        pos++;
        skipSpace();
        if (pos < in.length() && in.charAt(pos) == '}') {
            throw failSyntax(pos, "unexpected }, expecting IDENTIFIER");
        }
        while (true) {
            skipSpace();
            if (pos >= in.length()) {
                throw failSyntax(pos, "unexpected $end, expecting IDENTIFIER");
            }
            if (!isNameStart(in.charAt(pos))) {
                throw failSyntax(pos, "unexpected " + tokenText() + ", expecting IDENTIFIER");
            }
            int start = pos;
            readName();
            String name = in.substring(start, pos);
            skipSpace();
            MatchType type;
            if (in.startsWith("=~", pos)) {
                type = MatchType.REGEX;
            } else if (in.startsWith("!~", pos)) {
                type = MatchType.NOT_REGEX;
            } else if (in.startsWith("!=", pos)) {
                type = MatchType.NOT_EQUAL;
            } else if (in.startsWith("=", pos)) {
                type = MatchType.EQUAL;
            } else if (pos >= in.length()) {
                throw failSyntax(pos, "unexpected $end, expecting = or =~ or !~ or !=");
            } else {
                throw failSyntax(pos, "unexpected " + tokenText() + ", expecting = or =~ or !~ or !=");
            }
            pos += type.symbol().length();
            skipSpace();
            if (pos >= in.length()) {
                throw failSyntax(pos, "unexpected $end, expecting STRING");
            }
            char q = in.charAt(pos);
            if (q != '"' && q != '`') {
                throw failSyntax(pos, "unexpected " + tokenText() + ", expecting STRING");
            }
            int valuePos = pos;
            String value = readString();
            try {
                out.add(Matcher.of(type, name, value));
            } catch (StrataException e) {
                throw new StrataException(ErrorCategory.BAD_REQUEST,
                        "parse error at line 1, col " + (valuePos + 1) + ": " + e.getMessage());
            }
            skipSpace();
            if (pos >= in.length()) {
                throw failSyntax(pos, "unexpected $end, expecting } or ,");
            }
            char c = in.charAt(pos);
            if (c == ',') {
                pos++;
            } else if (c == '}') {
                pos++;
                break;
            } else {
                throw failSyntax(pos, "unexpected " + tokenText() + ", expecting } or ,");
            }
        }
        skipSpace();
        if (pos < in.length()) {
            throw new StrataException(ErrorCategory.BAD_REQUEST, "only stream selectors are supported for now, "
                    + "the rest of the query at line 1, col " + (pos + 1) + " is not: " + in.substring(pos));
        }
        return out;
    }

    private void readName() {
        while (pos < in.length() && isNameChar(in.charAt(pos))) {
            pos++;
        }
    }

    /** Reads a quoted string at {@code pos} and decodes Go escapes. */
    private String readString() {
        int start = pos;
        char quote = in.charAt(pos++);
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (pos >= in.length() || (quote != '`' && in.charAt(pos) == '\n')) {
                throw selector ? failSyntax(start, "unterminated string") : fail(start, "unterminated quoted string");
            }
            char c = in.charAt(pos++);
            if (c == quote) {
                return sb.toString();
            }
            if (c != '\\' || quote == '`') {
                sb.append(c);
                continue;
            }
            if (pos >= in.length()) {
                throw selector ? failSyntax(start, "unterminated string") : fail(start, "unterminated quoted string");
            }
            char e = in.charAt(pos++);
            switch (e) {
                case 'a' -> sb.append('\u0007');
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'v' -> sb.append('\u000b');
                case '\\' -> sb.append('\\');
                case 'x' -> sb.appendCodePoint(hex(2, start));
                case 'u' -> sb.appendCodePoint(hex(4, start));
                case 'U' -> sb.appendCodePoint(hex(8, start));
                case '0', '1', '2', '3', '4', '5', '6', '7' -> {
                    pos--;
                    int v = 0;
                    for (int i = 0; i < 3; i++) {
                        if (pos >= in.length() || in.charAt(pos) < '0' || in.charAt(pos) > '7') {
                            throw escapeError(start, "invalid syntax");
                        }
                        v = v * 8 + (in.charAt(pos++) - '0');
                    }
                    if (v > 255) {
                        throw escapeError(start, "invalid syntax");
                    }
                    sb.append((char) v);
                }
                default -> {
                    if (e == quote) {
                        sb.append(e);
                    } else {
                        throw escapeError(pos - 1, "unknown escape sequence " + goUnicode(e));
                    }
                }
            }
        }
    }

    private int hex(int digits, int start) {
        if (pos + digits > in.length()) {
            throw escapeError(start, "invalid syntax");
        }
        int v = 0;
        for (int i = 0; i < digits; i++) {
            int d = Character.digit(in.charAt(pos++), 16);
            if (d < 0) {
                throw escapeError(start, "invalid syntax");
            }
            v = v * 16 + d;
        }
        if (v > Character.MAX_CODE_POINT || (v >= 0xD800 && v <= 0xDFFF)) {
            throw escapeError(start, "invalid syntax");
        }
        return v;
    }

    private StrataException escapeError(int at, String msg) {
        return selector ? failSyntax(at, msg) : fail(at, msg);
    }

    private void skipSpace() {
        while (pos < in.length()) {
            char c = in.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                pos++;
            } else {
                break;
            }
        }
    }

    private String unexpectedToken() {
        char c = in.charAt(pos);
        if (isNameStart(c)) {
            int end = pos;
            while (end < in.length() && isNameChar(in.charAt(end))) {
                end++;
            }
            return "unexpected identifier \"" + in.substring(pos, end) + "\"";
        }
        if (c == '"' || c == '\'' || c == '`') {
            return "unexpected string";
        }
        if (",}{=!~".indexOf(c) < 0) {
            throw fail(pos, "unexpected character inside braces: " + goQuoteRune(in.codePointAt(pos)));
        }
        return "unexpected " + goQuoteString(tokenAt());
    }

    private String tokenAt() {
        if (in.startsWith("!=", pos) || in.startsWith("=~", pos) || in.startsWith("!~", pos)) {
            return in.substring(pos, pos + 2);
        }
        return in.substring(pos, pos + 1);
    }

    private static String goQuoteString(String s) {
        return "\"" + s + "\"";
    }

    private String tokenText() {
        char c = in.charAt(pos);
        if (isNameStart(c)) {
            return "IDENTIFIER";
        }
        if (c == '"' || c == '`') {
            return "STRING";
        }
        return String.valueOf(c);
    }

    private StrataException fail(int at, String msg) {
        return new StrataException(ErrorCategory.BAD_REQUEST, "1:" + (at + 1) + ": parse error: " + msg);
    }

    private StrataException failSyntax(int at, String msg) {
        return new StrataException(ErrorCategory.BAD_REQUEST,
                "parse error at line 1, col " + (at + 1) + ": syntax error: " + msg);
    }

    private static boolean isNameStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }

    private static boolean isNameChar(char c) {
        return isNameStart(c) || (c >= '0' && c <= '9');
    }

    /** Go's {@code %q} of a rune: {@code '-'}. */
    private static String goQuoteRune(int cp) {
        return "'" + new String(Character.toChars(cp)) + "'";
    }

    /** Go's {@code %#U}: {@code U+0071 'q'}. */
    private static String goUnicode(int cp) {
        return String.format("U+%04X '%s'", cp, new String(Character.toChars(cp)));
    }
}
