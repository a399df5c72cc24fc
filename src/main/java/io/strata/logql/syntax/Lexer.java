package io.strata.logql.syntax;

import java.time.Duration;
import java.util.Locale;

/**
 * LogQL lexer (on top of {@link GoScanner}). It reproduces the observable behaviour of Loki's lexer, which runs Go's
 * {@code text/scanner} in "Go tokens" mode and then classifies tokens: Go string escapes,
 * back-quoted raw strings, Go number syntax, {@code //} and {@code /* *&#47;} comments plus
 * LogQL's {@code #} comments, durations and byte sizes glued to numbers, {@code [range]},
 * case-insensitive keywords, and "function keywords" that are identifiers unless followed by
 * {@code (} or {@code by/without (}. The first lexical error is thrown as a
 * {@link ParseException} at the position Loki reports. Not thread-safe; one per parse.
 */
final class Lexer extends GoScanner {
    private static final java.util.Map<String, Tok> KEYWORDS = Keywords.KEYWORDS;
    private static final java.util.Map<String, Tok> FUNCTIONS = Keywords.FUNCTIONS;

    Lexer(String src) {
        super(src);
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
