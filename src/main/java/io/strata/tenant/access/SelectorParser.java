package io.strata.tenant.access;

import io.strata.model.SelectorProblem;
import io.strata.model.StrataException;

/**
 * Parses one stream selector of an access policy: {@code {name op value, ...}} with the operators
 * {@code = != =~ !~}, label names {@code [a-zA-Z_][a-zA-Z0-9_]*}, values in double quotes (Go escapes:
 * {@code \" \' \\ \n \t \r \a \b \f \v \xHH \ uHHHH \UHHHHHHHH} and octal) or backticks (raw). Whitespace
 * is free, a trailing comma is allowed. Regexes are RE2 and fully anchored (see {@link io.strata.model.Matcher}).
 * The selector must hold at least one matcher; at most {@value #MAX_LENGTH} characters. The scanner
 * is {@link io.strata.model.SelectorParser}'s lenient dialect; this class words its errors.
 */
public final class SelectorParser {
    public static final int MAX_LENGTH = 4096;

    private static final io.strata.model.SelectorParser.Wording POLICY = new io.strata.model.SelectorParser.Wording() {
        @Override
        public boolean lenient() {
            return true;
        }

        @Override
        public StrataException error(io.strata.model.SelectorParser.Failure f) {
            return StrataException.badRequest(
                    "invalid stream selector '" + f.text() + "': " + reason(f) + " at col " + (f.at() + 1));
        }
    };

    private SelectorParser() {}

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
        return new StreamSelector(io.strata.model.SelectorParser.parseSelector(text, POLICY));
    }

    private static String reason(io.strata.model.SelectorParser.Failure f) {
        SelectorProblem p = f.problem();
        return switch (p) {
            case OPEN_BRACE -> "expected '{'";
            case NAME -> "expected a label name";
            case OPERATOR -> "expected one of = != =~ !~";
            case VALUE -> "expected a quoted value";
            case COMMA_OR_CLOSE -> "expected ',' or '}'";
            case TRAILING_TEXT -> "unexpected text after '}'";
            case EMPTY -> "a selector needs at least one matcher";
            case BAD_MATCHER -> f.detail();
            case UNTERMINATED -> "unterminated string";
            case NEWLINE_IN_STRING -> "newline in string";
            case UNTERMINATED_RAW -> "unterminated raw string";
            case SHORT_ESCAPE -> "short escape sequence";
            case BAD_HEX_ESCAPE -> "invalid hex escape";
            case BAD_CODE_POINT -> "escape is not a valid Unicode code point";
            case BAD_OCTAL_ESCAPE -> "invalid octal escape";
            case OCTAL_OUT_OF_RANGE -> "octal escape out of range";
            case UNKNOWN_ESCAPE -> "unknown escape sequence \\" + f.detail();
        };
    }
}
