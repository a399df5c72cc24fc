package io.strata.logql.syntax;

/**
 * The character and token level of the LogQL lexer: the observable behaviour of Go's
 * {@code text/scanner} in "Go tokens" mode as Loki uses it (whitespace, identifiers, Go number
 * syntax with its errors, Go string/raw-string/char literals, {@code //} and {@code /* *&#47;}
 * comments) and its position bookkeeping, which decides the line/column Loki prints in errors.
 * Errors are thrown as {@link ParseException} at text/scanner's current token position.
 */
class GoScanner {
    static final int EOF = -1;
    private static final int BAD = -2; // a lone surrogate: the Java form of invalid UTF-8

    // raw scanner token classes
    static final int S_IDENT = -10;
    static final int S_INT = -11;
    static final int S_FLOAT = -12;
    static final int S_STRING = -13;
    static final int S_RAW = -14;
    static final int S_CHAR = -15;

    final String src;
    private int pos; // index of the char after the lookahead
    private int lastCharLen; // UTF-16 length of the lookahead char (0 at EOF)
    private int ch = -3; // lookahead code point; -3 = not read yet
    private int line = 1;
    private int column;
    private int lastLineLen;
    // Loki reports errors at these (text/scanner's Position fields)
    int posLine;
    int posColumn;
    private int tokStart;
    private int tokEnd;

    GoScanner(String src) {
        this.src = src;
    }

    // ---------------------------------------------------------------- character level

    void error(String msg) {
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

    int peekChar() {
        if (ch == -3) {
            ch = read();
            if (ch == 0xFEFF) {
                ch = read();
            }
        }
        return ch;
    }

    /** Consumes the lookahead char (text/scanner's Next): invalidates the token line. */
    int nextChar() {
        posLine = 0;
        int c = peekChar();
        if (c != EOF) {
            ch = read();
        }
        return c;
    }

    /** Index in src of the lookahead char. */
    int lookaheadIndex() {
        return pos - lastCharLen;
    }

    // ---------------------------------------------------------------- token level (text/scanner)

    int scan() {
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

    String tokenText() {
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
}
