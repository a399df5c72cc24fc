package io.strata.logql.syntax;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * LogQL lexer. It reproduces the observable behaviour of Loki's lexer, which runs Go's
 * {@code text/scanner} in "Go tokens" mode and then classifies tokens: Go string escapes,
 * back-quoted raw strings, Go number syntax, {@code //} and {@code /* *&#47;} comments plus
 * LogQL's {@code #} comments, durations and byte sizes glued to numbers, {@code [range]},
 * case-insensitive keywords, and "function keywords" that are identifiers unless followed by
 * {@code (} or {@code by/without (}. The first lexical error is thrown as a
 * {@link ParseException} at the position Loki reports. Not thread-safe; one per parse.
 */
final class Lexer {
    static final int EOF = -1;
    private static final int BAD = -2; // a lone surrogate: the Java form of invalid UTF-8

    private static final Map<String, Tok> KEYWORDS = Map.ofEntries(
            Map.entry(",", Tok.COMMA), Map.entry(".", Tok.DOT), Map.entry("{", Tok.OPEN_BRACE),
            Map.entry("}", Tok.CLOSE_BRACE), Map.entry("=", Tok.EQ), Map.entry("!=", Tok.NEQ),
            Map.entry("=~", Tok.RE), Map.entry("!~", Tok.NRE), Map.entry("!>", Tok.NPA),
            Map.entry("|=", Tok.PIPE_EXACT), Map.entry("|~", Tok.PIPE_MATCH), Map.entry("|>", Tok.PIPE_PATTERN),
            Map.entry("|", Tok.PIPE), Map.entry("unwrap", Tok.UNWRAP), Map.entry("(", Tok.OPEN_PARENTHESIS),
            Map.entry(")", Tok.CLOSE_PARENTHESIS), Map.entry("by", Tok.BY), Map.entry("without", Tok.WITHOUT),
            Map.entry("bool", Tok.BOOL), Map.entry("[", Tok.OPEN_BRACKET), Map.entry("]", Tok.CLOSE_BRACKET),
            Map.entry("label_replace", Tok.LABEL_REPLACE), Map.entry("offset", Tok.OFFSET), Map.entry("on", Tok.ON),
            Map.entry("ignoring", Tok.IGNORING), Map.entry("group_left", Tok.GROUP_LEFT),
            Map.entry("group_right", Tok.GROUP_RIGHT), Map.entry("or", Tok.OR), Map.entry("and", Tok.AND),
            Map.entry("unless", Tok.UNLESS), Map.entry("+", Tok.ADD), Map.entry("-", Tok.SUB), Map.entry("*", Tok.MUL),
            Map.entry("/", Tok.DIV), Map.entry("%", Tok.MOD), Map.entry("^", Tok.POW), Map.entry("==", Tok.CMP_EQ),
            Map.entry(">", Tok.GT), Map.entry(">=", Tok.GTE), Map.entry("<", Tok.LT), Map.entry("<=", Tok.LTE),
            Map.entry("json", Tok.JSON), Map.entry("regexp", Tok.REGEXP), Map.entry("logfmt", Tok.LOGFMT),
            Map.entry("unpack", Tok.UNPACK), Map.entry("pattern", Tok.PATTERN), Map.entry("label_format", Tok.LABEL_FMT),
            Map.entry("line_format", Tok.LINE_FMT), Map.entry("ip", Tok.IP), Map.entry("decolorize", Tok.DECOLORIZE),
            Map.entry("drop", Tok.DROP), Map.entry("keep", Tok.KEEP));

    private static final Map<String, Tok> FUNCTIONS = Map.ofEntries(
            Map.entry("rate", Tok.RATE), Map.entry("rate_counter", Tok.RATE_COUNTER),
            Map.entry("count_over_time", Tok.COUNT_OVER_TIME), Map.entry("bytes_rate", Tok.BYTES_RATE),
            Map.entry("bytes_over_time", Tok.BYTES_OVER_TIME), Map.entry("avg_over_time", Tok.AVG_OVER_TIME),
            Map.entry("sum_over_time", Tok.SUM_OVER_TIME), Map.entry("min_over_time", Tok.MIN_OVER_TIME),
            Map.entry("max_over_time", Tok.MAX_OVER_TIME), Map.entry("stdvar_over_time", Tok.STDVAR_OVER_TIME),
            Map.entry("stddev_over_time", Tok.STDDEV_OVER_TIME), Map.entry("quantile_over_time", Tok.QUANTILE_OVER_TIME),
            Map.entry("first_over_time", Tok.FIRST_OVER_TIME), Map.entry("last_over_time", Tok.LAST_OVER_TIME),
            Map.entry("absent_over_time", Tok.ABSENT_OVER_TIME), Map.entry("vector", Tok.VECTOR),
            Map.entry("sum", Tok.SUM), Map.entry("avg", Tok.AVG), Map.entry("max", Tok.MAX), Map.entry("min", Tok.MIN),
            Map.entry("count", Tok.COUNT), Map.entry("stddev", Tok.STDDEV), Map.entry("stdvar", Tok.STDVAR),
            Map.entry("bottomk", Tok.BOTTOMK), Map.entry("topk", Tok.TOPK), Map.entry("sort", Tok.SORT),
            Map.entry("sort_desc", Tok.SORT_DESC), Map.entry("label_replace", Tok.LABEL_REPLACE),
            Map.entry("approx_topk", Tok.APPROX_TOPK), Map.entry("bytes", Tok.BYTES_CONV),
            Map.entry("duration", Tok.DURATION_CONV), Map.entry("duration_seconds", Tok.DURATION_SECONDS_CONV),
            Map.entry("ip", Tok.IP));

    // raw scanner token classes
    private static final int S_IDENT = -10;
    private static final int S_INT = -11;
    private static final int S_FLOAT = -12;
    private static final int S_STRING = -13;
    private static final int S_RAW = -14;
    private static final int S_CHAR = -15;

    private final String src;
    private int pos; // index of the char after the lookahead
    private int lastCharLen; // UTF-16 length of the lookahead char (0 at EOF)
    private int ch = -3; // lookahead code point; -3 = not read yet
    private int line = 1;
    private int column;
    private int lastLineLen;
    // Loki reports errors at these (text/scanner's Position fields)
    private int posLine;
    private int posColumn;
    private int tokStart;
    private int tokEnd;

    Lexer(String src) {
        this.src = src;
    }

    // ---------------------------------------------------------------- character level

    private void error(String msg) {
        throw new ParseException(msg, posLine, posColumn);
    }

    private int read() {
        if (pos >= src.length()) {
            if (lastCharLen > 0) {
                column++;
            }
            lastCharLen = 0;
            return EOF;
        }
        char c = src.charAt(pos);
        int cp;
        int width;
        if (Character.isHighSurrogate(c) && pos + 1 < src.length() && Character.isLowSurrogate(src.charAt(pos + 1))) {
            cp = Character.toCodePoint(c, src.charAt(pos + 1));
            width = 2;
        } else if (Character.isSurrogate(c)) {
            pos++;
            lastCharLen = 1;
            column++;
            error("invalid UTF-8 encoding");
            return BAD;
        } else {
            cp = c;
            width = 1;
        }
        pos += width;
        lastCharLen = width;
        column++;
        if (cp == 0) {
            error("invalid character NUL");
        } else if (cp == '\n') {
            line++;
            lastLineLen = column;
            column = 0;
        }
        return cp;
    }

    private int peekChar() {
        if (ch == -3) {
            ch = read();
            if (ch == 0xFEFF) {
                ch = read();
            }
        }
        return ch;
    }

    /** Consumes the lookahead char (text/scanner's Next): invalidates the token line. */
    private int nextChar() {
        posLine = 0;
        int c = peekChar();
        if (c != EOF) {
            ch = read();
        }
        return c;
    }

    /** Index in src of the lookahead char. */
    private int lookaheadIndex() {
        return pos - lastCharLen;
    }

    // ---------------------------------------------------------------- token level (text/scanner)

    private int scan() {
        int c = peekChar();
        while (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            c = read();
        }
        tokStart = lookaheadIndex();
        if (column > 0) {
            posLine = line;
            posColumn = column;
        } else {
            posLine = line - 1;
            posColumn = lastLineLen;
        }
        int tok = c;
        if (c == '_' || (c >= 0 && Character.isLetter(c))) {
            tok = S_IDENT;
            c = read();
            while (c == '_' || (c >= 0 && Character.isLetterOrDigit(c))) {
                c = read();
            }
        } else if (c >= '0' && c <= '9') {
            long r = scanNumber(c, false);
            tok = (int) (r >> 32);
            c = (int) r;
        } else {
            switch (c) {
                case EOF -> {
                }
                case '"' -> {
                    scanString('"');
                    tok = S_STRING;
                    c = read();
                }
                case '\'' -> {
                    if (scanString('\'') != 1) {
                        error("invalid char literal");
                    }
                    tok = S_CHAR;
                    c = read();
                }
                case '.' -> {
                    c = read();
                    if (c >= '0' && c <= '9') {
                        long r = scanNumber(c, true);
                        tok = (int) (r >> 32);
                        c = (int) r;
                    }
                }
                case '/' -> {
                    c = read();
                    if (c == '/' || c == '*') {
                        ch = scanComment(c);
                        return scan();
                    }
                }
                case '`' -> {
                    c = read();
                    while (c != '`') {
                        if (c < 0) {
                            error("literal not terminated");
                        }
                        c = read();
                    }
                    tok = S_RAW;
                    c = read();
                }
                default -> c = read();
            }
        }
        tokEnd = lookaheadIndex();
        ch = c;
        return tok;
    }

    private String tokenText() {
        return src.substring(tokStart, Math.max(tokStart, tokEnd));
    }

    private int scanComment(int c) {
        if (c == '/') {
            c = read();
            while (c != '\n' && c >= 0) {
                c = read();
            }
            return c;
        }
        c = read();
        while (true) {
            if (c < 0) {
                error("comment not terminated");
            }
            int c0 = c;
            c = read();
            if (c0 == '*' && c == '/') {
                return read();
            }
        }
    }

    private int scanString(int quote) {
        int c = read();
        int n = 0;
        while (c != quote) {
            if (c == '\n' || c < 0) {
                error("literal not terminated");
            }
            if (c == '\\') {
                c = scanEscape(quote);
            } else {
                c = read();
            }
            n++;
        }
        return n;
    }

    private int scanEscape(int quote) {
        int c = read();
        switch (c) {
            case 'a', 'b', 'f', 'n', 'r', 't', 'v', '\\' -> {
                return read();
            }
            case '0', '1', '2', '3', '4', '5', '6', '7' -> {
                return scanDigits(c, 8, 3);
            }
            case 'x' -> {
                return scanDigits(read(), 16, 2);
            }
            case 'u' -> {
                return scanDigits(read(), 16, 4);
            }
            case 'U' -> {
                return scanDigits(read(), 16, 8);
            }
            default -> {
                if (c == quote) {
                    return read();
                }
                error("invalid char escape");
                return c;
            }
        }
    }

    private int scanDigits(int c, int base, int n) {
        while (n > 0 && digitVal(c) < base) {
            c = read();
            n--;
        }
        if (n > 0) {
            error("invalid char escape");
        }
        return c;
    }

    private static int digitVal(int c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        int l = c | 0x20;
        if (l >= 'a' && l <= 'f') {
            return l - 'a' + 10;
        }
        return 16;
    }

    private static String litName(int prefix) {
        return switch (prefix) {
            case 'x' -> "hexadecimal literal";
            case 'o', '0' -> "octal literal";
            case 'b' -> "binary literal";
            default -> "decimal literal";
        };
    }

    /** Go's number scanner; returns (token class << 32) | (lookahead char & 0xffffffff). */
    private long scanNumber(int c, boolean seenDot) {
        int base = 10;
        int prefix = 0;
        int digsep = 0;
        int[] invalid = {0};
        int tok = S_INT;
        if (!seenDot) {
            if (c == '0') {
                c = read();
                switch (c | 0x20) {
                    case 'x' -> {
                        c = read();
                        base = 16;
                        prefix = 'x';
                    }
                    case 'o' -> {
                        c = read();
                        base = 8;
                        prefix = 'o';
                    }
                    case 'b' -> {
                        // Loki's scanner peeks a stale lookahead here, so "0b" always starts a binary literal
                        c = read();
                        base = 2;
                        prefix = 'b';
                    }
                    default -> {
                        base = 8;
                        prefix = '0';
                        digsep = 1;
                    }
                }
            }
            long r = digits(c, base, invalid);
            c = (int) r;
            digsep |= (int) (r >> 32);
            if (c == '.') {
                c = read();
                seenDot = true;
            }
        }
        if (seenDot) {
            tok = S_FLOAT;
            if (prefix == 'o' || prefix == 'b') {
                error("invalid radix point in " + litName(prefix));
            }
            long r = digits(c, base, invalid);
            c = (int) r;
            digsep |= (int) (r >> 32);
        }
        if ((digsep & 1) == 0) {
            error(litName(prefix) + " has no digits");
        }
        int e = c | 0x20;
        if (c >= 0 && (e == 'e' || (e == 'p' && prefix == 'x'))) {
            if (e == 'e' && prefix != 0 && prefix != '0') {
                error("'" + new String(Character.toChars(c)) + "' exponent requires decimal mantissa");
            }
            c = read();
            tok = S_FLOAT;
            if (c == '+' || c == '-') {
                c = read();
            }
            long r = digits(c, 10, null);
            c = (int) r;
            int ds = (int) (r >> 32);
            digsep |= ds;
            if ((ds & 1) == 0) {
                error("exponent has no digits");
            }
        } else if (prefix == 'x' && tok == S_FLOAT) {
            error("hexadecimal mantissa requires a 'p' exponent");
        }
        if (tok == S_INT && invalid[0] != 0) {
            error("invalid digit '" + new String(Character.toChars(invalid[0])) + "' in " + litName(prefix));
        }
        if ((digsep & 2) != 0) {
            tokEnd = lookaheadIndex();
            if (invalidSeparator(tokenText()) >= 0) {
                error("'_' must separate successive digits");
            }
        }
        return ((long) tok << 32) | (c & 0xffffffffL);
    }

    private long digits(int c, int base, int[] invalid) {
        int digsep = 0;
        if (base <= 10) {
            int max = '0' + base;
            while ((c >= '0' && c <= '9') || c == '_') {
                int ds = 1;
                if (c == '_') {
                    ds = 2;
                } else if (c >= max && invalid != null && invalid[0] == 0) {
                    invalid[0] = c;
                }
                digsep |= ds;
                c = read();
            }
        } else {
            while (digitVal(c) < 16 || c == '_') {
                digsep |= c == '_' ? 2 : 1;
                c = read();
            }
        }
        return ((long) digsep << 32) | (c & 0xffffffffL);
    }

    private static int invalidSeparator(String x) {
        int x1 = ' ';
        int d = '.';
        int i = 0;
        if (x.length() >= 2 && x.charAt(0) == '0') {
            x1 = x.charAt(1) | 0x20;
            if (x1 == 'x' || x1 == 'o' || x1 == 'b') {
                d = '0';
                i = 2;
            }
        }
        for (; i < x.length(); i++) {
            int p = d;
            d = x.charAt(i);
            if (d == '_') {
                if (p != '0') {
                    return i;
                }
            } else if ((d >= '0' && d <= '9') || (x1 == 'x' && digitVal(d) < 16)) {
                d = '0';
            } else {
                if (p == '_') {
                    return i - 1;
                }
                d = '.';
            }
        }
        return d == '_' ? x.length() - 1 : -1;
    }

    // ---------------------------------------------------------------- LogQL level

    /** The next LogQL token. */
    Token next() {
        while (true) {
            int r = scan();
            if (r == '#') {
                int c = peekChar();
                while (c != '\n' && c != EOF) {
                    c = nextChar();
                }
                continue;
            }
            return classify(r);
        }
    }

    private Token token(Tok kind, String text) {
        return new Token(kind, text, null, 0, posLine, posColumn);
    }

    private Token classify(int r) {
        if (r == EOF) {
            return token(Tok.EOF, "");
        }
        if (r == S_INT || r == S_FLOAT) {
            String number = tokenText();
            Duration d = tryDuration(number);
            if (d != null) {
                return new Token(Tok.DURATION, number, d, 0, posLine, posColumn);
            }
            long[] b = tryBytes(number);
            if (b != null) {
                return new Token(Tok.BYTES, number, null, b[0], posLine, posColumn);
            }
            return token(Tok.NUMBER, number);
        }
        if (r == '-') {
            if (peekChar() == '-') {
                String flag = tryFlag();
                if (flag != null) {
                    return token(Tok.FUNCTION_FLAG, flag);
                }
            }
            Duration d = tryDuration("-");
            if (d != null) {
                return new Token(Tok.DURATION, "-", d, 0, posLine, posColumn);
            }
        }
        if (r == S_STRING || r == S_RAW) {
            return token(Tok.STRING, GoStrings.unquote(tokenText(), this::error));
        }
        if (r == '[') {
            StringBuilder sb = new StringBuilder();
            for (int c = nextChar(); c != EOF; c = nextChar()) {
                if (c == ']') {
                    Duration d;
                    try {
                        d = GoDurations.parsePrometheus(sb.toString());
                    } catch (IllegalArgumentException e) {
                        error(e.getMessage());
                        return null;
                    }
                    return new Token(Tok.RANGE, sb.toString(), d, 0, posLine, posColumn);
                }
                sb.appendCodePoint(c);
            }
            error("missing closing ']' in duration");
        }
        String text = tokenText();
        String lower = text.toLowerCase(Locale.ROOT);
        Tok fn = FUNCTIONS.get(lower);
        if (fn != null) {
            return isFunction(lookaheadIndex()) ? token(fn, text) : token(Tok.IDENTIFIER, text);
        }
        int la = peekChar();
        if (la >= 0) {
            Tok two = KEYWORDS.get(lower + new String(Character.toChars(la)));
            if (two != null) {
                nextChar();
                return token(two, text);
            }
        }
        Tok kw = KEYWORDS.get(lower);
        if (kw != null) {
            return token(kw, text);
        }
        return token(Tok.IDENTIFIER, text);
    }

    private static boolean isSpace(int c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == 0x85;
    }

    /** Whether the text from {@code i} (after spaces) is "(" or by/without followed by "(". */
    private boolean isFunction(int i) {
        i = skipSpaces(i);
        if (i >= src.length()) {
            return false;
        }
        if (src.charAt(i) == '(') {
            return true;
        }
        for (String kw : new String[] {"by", "without"}) {
            if (src.regionMatches(true, i, kw, 0, kw.length())) {
                int j = skipSpaces(i + kw.length());
                return j < src.length() && src.charAt(j) == '(';
            }
        }
        return false;
    }

    private int skipSpaces(int i) {
        while (i < src.length()) {
            int c = src.codePointAt(i);
            if (!isSpace(c)) {
                break;
            }
            i += Character.charCount(c);
        }
        return i;
    }

    /** Collects the run of chars from the lookahead on that satisfy the unit predicate. */
    private String run(String prefix, boolean bytes) {
        StringBuilder sb = new StringBuilder(prefix);
        int i = lookaheadIndex();
        while (i < src.length()) {
            int c = src.codePointAt(i);
            if (isSpace(c)) {
                break;
            }
            boolean ok = Character.getType(c) == Character.DECIMAL_DIGIT_NUMBER
                    || Character.getType(c) == Character.LETTER_NUMBER
                    || Character.getType(c) == Character.OTHER_NUMBER
                    || c == '.'
                    || (bytes ? "BikKMGTP".indexOf(c) >= 0 : (c == 0xB5 || "numshdwy".indexOf(c) >= 0));
            if (!ok) {
                break;
            }
            sb.appendCodePoint(c);
            i += Character.charCount(c);
        }
        return sb.toString();
    }

    private void consume(int codePoints) {
        for (int k = 0; k < codePoints; k++) {
            nextChar();
        }
    }

    private Duration tryDuration(String number) {
        String s = run(number, false);
        int consumed = s.codePointCount(0, s.length()) - number.codePointCount(0, number.length());
        if (consumed == 0) {
            return null;
        }
        Duration d = GoDurations.parseLiteral(s);
        if (d != null) {
            consume(consumed);
        }
        return d;
    }

    private long[] tryBytes(String number) {
        String s = run(number, true);
        int consumed = s.codePointCount(0, s.length()) - number.codePointCount(0, number.length());
        if (consumed == 0) {
            return null;
        }
        Long b = GoNumbers.parseHumanBytes(s);
        if (b == null) {
            return null;
        }
        consume(consumed);
        return new long[] {b};
    }

    private String tryFlag() {
        StringBuilder sb = new StringBuilder("-");
        int i = lookaheadIndex();
        int consumed = 0;
        while (i < src.length()) {
            int c = src.codePointAt(i);
            if (!(Character.isLetter(c) || c == '-')) {
                break;
            }
            sb.appendCodePoint(c);
            i += Character.charCount(c);
            consumed++;
        }
        String flag = sb.toString();
        if (!flag.equals("--strict") && !flag.equals("--keep-empty")) {
            return null;
        }
        consume(consumed);
        return flag;
    }
}
