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
 *   like LogQL's {@code parse error at line 1, col 9: syntax error: ...}, or in the words of the
 *   caller's {@link Wording} (the access policies of {@code io.strata.tenant.access} use it, with
 *   their lenient dialect and their own texts).</li>
 * </ul>
 * Pure hand-written scanner; columns are 1-based code unit offsets on the first line.
 */
public final class SelectorParser {
    private final String in;
    private final Wording wording;
    private int pos;

    private SelectorParser(String in, Wording wording) {
        this.in = in;
        this.wording = wording;
    }

    /**
     * How a caller words selector errors, and which dialect it parses. The strict dialect is LogQL's
     * (no {@code {}}, no trailing comma, white space is space, tab, CR, LF); the lenient one is an
     * access policy's ({@code {}} parses, to fail as {@link SelectorProblem#EMPTY} after the whole
     * text is read; a trailing comma is fine; any Unicode white space separates tokens; {@code \'}
     * is an escape in double quotes too).
     */
    public interface Wording {
        /** Whether this is the lenient dialect. */
        default boolean lenient() {
            return false;
        }

        /** The exception to throw for a failure. */
        StrataException error(Failure failure);
    }

    /**
     * One selector failure. {@code token} is the 0-based offset where the offending token or quoted
     * value starts, {@code at} where the scanner stopped; {@code found} is LogQL's name of the token
     * at {@code token} ({@code $end}, {@code IDENTIFIER}, {@code STRING} or the character), null for
     * problems inside a string; {@code detail} as {@link SelectorProblem} says, else null.
     */
    public record Failure(SelectorProblem problem, String text, int token, int at, String found, String detail) {}

    /** LogQL's wording: {@code parse error at line 1, col 9: syntax error: unexpected $end, expecting } or ,}. */
    public static final Wording LOGQL = failure -> {
        String col = "parse error at line 1, col ";
        return switch (failure.problem()) {
            case BAD_MATCHER -> StrataException.badRequest(col + (failure.token() + 1) + ": " + failure.detail());
            case TRAILING_TEXT -> StrataException.badRequest("only stream selectors are supported for now, the rest"
                    + " of the query at line 1, col " + (failure.token() + 1) + " is not: " + failure.detail());
            case UNTERMINATED, NEWLINE_IN_STRING, UNTERMINATED_RAW ->
                    syntaxError(failure.token(), "unterminated string");
            case UNKNOWN_ESCAPE -> syntaxError(failure.token(),
                    "unknown escape sequence " + goUnicode(failure.detail().codePointAt(0)));
            case SHORT_ESCAPE, BAD_HEX_ESCAPE, BAD_CODE_POINT, BAD_OCTAL_ESCAPE, OCTAL_OUT_OF_RANGE ->
                    syntaxError(failure.token(), "invalid syntax");
            case OPEN_BRACE -> syntaxError(failure.token(), "unexpected " + failure.found()
                    + (failure.found().equals("$end") ? "" : ", expecting {"));
            case NAME, EMPTY -> syntaxError(failure.token(), "unexpected " + failure.found() + ", expecting IDENTIFIER");
            case OPERATOR -> syntaxError(failure.token(),
                    "unexpected " + failure.found() + ", expecting = or =~ or !~ or !=");
            case VALUE -> syntaxError(failure.token(), "unexpected " + failure.found() + ", expecting STRING");
            case COMMA_OR_CLOSE -> syntaxError(failure.token(), "unexpected " + failure.found() + ", expecting } or ,");
        };
    };

    /** Prometheus' wording of quoted values in a push's label set ({@code 1:4: parse error: ...}). */
    private static final Wording PUSH = failure -> switch (failure.problem()) {
        case UNTERMINATED, NEWLINE_IN_STRING, UNTERMINATED_RAW -> fail(failure.token(), "unterminated quoted string");
        case UNKNOWN_ESCAPE -> fail(failure.token(),
                "unknown escape sequence " + goUnicode(failure.detail().codePointAt(0)));
        default -> fail(failure.token(), "invalid syntax");
    };

    /**
     * Parses a label set in push syntax. Pairs come back in input order, duplicates included (the
     * caller reports them); an optional metric name before the brace becomes {@code __name__}.
     */
    public static List<Label> parseLabels(String text) {
        return new SelectorParser(text, PUSH).labels();
    }

    /** Parses a LogQL stream selector into matchers (at least one); errors in LogQL's words. */
    public static List<Matcher> parseSelector(String text) {
        return parseSelector(text, LOGQL);
    }

    /** Parses a stream selector into matchers (at least one) in the dialect and words of {@code wording}. */
    public static List<Matcher> parseSelector(String text, Wording wording) {
        return new SelectorParser(text, wording).matchers();
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
        boolean lenient = wording.lenient();
        skipSpace();
        if (pos >= in.length() || in.charAt(pos) != '{') {
            throw syntax(SelectorProblem.OPEN_BRACE);
        }
        pos++;
        skipSpace();
        if (!lenient && pos < in.length() && in.charAt(pos) == '}') {
            throw syntax(SelectorProblem.NAME);
        }
        while (true) {
            skipSpace();
            if (lenient && pos < in.length() && in.charAt(pos) == '}') {
                pos++; // {} or a trailing comma
                break;
            }
            if (pos >= in.length() || !isNameStart(in.charAt(pos))) {
                throw syntax(SelectorProblem.NAME);
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
            } else {
                throw syntax(SelectorProblem.OPERATOR);
            }
            pos += type.symbol().length();
            skipSpace();
            if (pos >= in.length() || (in.charAt(pos) != '"' && in.charAt(pos) != '`')) {
                throw syntax(SelectorProblem.VALUE);
            }
            int valuePos = pos;
            String value = readString();
            try {
                out.add(Matcher.of(type, name, value));
            } catch (StrataException e) {
                throw wording.error(new Failure(SelectorProblem.BAD_MATCHER, in, valuePos, pos, null, e.getMessage()));
            }
            skipSpace();
            if (pos < in.length() && in.charAt(pos) == ',') {
                pos++;
            } else if (pos < in.length() && in.charAt(pos) == '}') {
                pos++;
                break;
            } else {
                throw syntax(SelectorProblem.COMMA_OR_CLOSE);
            }
        }
        skipSpace();
        if (pos < in.length()) {
            throw wording.error(new Failure(SelectorProblem.TRAILING_TEXT, in, pos, pos, null, in.substring(pos)));
        }
        if (out.isEmpty()) {
            throw wording.error(new Failure(SelectorProblem.EMPTY, in, pos, pos, "}", null));
        }
        return out;
    }

    private StrataException syntax(SelectorProblem problem) {
        return wording.error(new Failure(problem, in, pos, pos, pos >= in.length() ? "$end" : tokenText(), null));
    }

    private StrataException stringError(SelectorProblem problem, int start, int at, String detail) {
        return wording.error(new Failure(problem, in, start, at, null, detail));
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
            if (pos >= in.length()) {
                throw stringError(quote == '`' ? SelectorProblem.UNTERMINATED_RAW : SelectorProblem.UNTERMINATED,
                        start, quote == '`' ? start : pos, null);
            }
            if (quote != '`' && in.charAt(pos) == '\n') {
                throw stringError(SelectorProblem.NEWLINE_IN_STRING, start, pos + 1, null);
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
                throw stringError(SelectorProblem.UNTERMINATED, start, pos, null);
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
                case '0', '1', '2', '3', '4', '5', '6', '7' -> sb.append((char) octal(start));
                default -> {
                    if (e == quote || (e == '\'' && wording.lenient())) {
                        sb.append(e);
                    } else {
                        throw stringError(SelectorProblem.UNKNOWN_ESCAPE, pos - 1, pos, String.valueOf(e));
                    }
                }
            }
        }
    }

    private int hex(int digits, int start) {
        if (pos + digits > in.length()) {
            throw stringError(SelectorProblem.SHORT_ESCAPE, start, pos, null);
        }
        int v = 0;
        for (int i = 0; i < digits; i++) {
            int d = Character.digit(in.charAt(pos++), 16);
            if (d < 0) {
                throw stringError(SelectorProblem.BAD_HEX_ESCAPE, start, pos, null);
            }
            v = v * 16 + d;
        }
        if (v > Character.MAX_CODE_POINT || (v >= 0xD800 && v <= 0xDFFF)) {
            throw stringError(SelectorProblem.BAD_CODE_POINT, start, pos, null);
        }
        return v;
    }

    /** Three octal digits, the first of which was just read. */
    private int octal(int start) {
        pos--;
        if (pos + 3 > in.length()) {
            throw stringError(SelectorProblem.SHORT_ESCAPE, start, pos, null);
        }
        int v = 0;
        for (int i = 0; i < 3; i++) {
            char c = in.charAt(pos++);
            if (c < '0' || c > '7') {
                throw stringError(SelectorProblem.BAD_OCTAL_ESCAPE, start, pos, null);
            }
            v = v * 8 + (c - '0');
        }
        if (v > 255) {
            throw stringError(SelectorProblem.OCTAL_OUT_OF_RANGE, start, pos, null);
        }
        return v;
    }

    private void skipSpace() {
        boolean anySpace = wording.lenient();
        while (pos < in.length()) {
            char c = in.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || (anySpace && Character.isWhitespace(c))) {
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

    private static StrataException fail(int at, String msg) {
        return new StrataException(ErrorCategory.BAD_REQUEST, "1:" + (at + 1) + ": parse error: " + msg);
    }

    private static StrataException syntaxError(int at, String msg) {
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
