package io.strata.model;

/**
 * What is wrong with a stream selector, for a {@link SelectorParser.Wording} to put in its caller's
 * words: LogQL's {@code syntax error: unexpected ..., expecting ...}, or an access policy's
 * {@code invalid stream selector '...': expected ...}.
 */
public enum SelectorProblem {
    /** No {@code {} where the selector starts. */
    OPEN_BRACE,
    /** No label name where one is due. */
    NAME,
    /** No {@code = != =~ !~} after a label name. */
    OPERATOR,
    /** No quoted value after an operator. */
    VALUE,
    /** Neither {@code ,} nor {@code }} after a matcher. */
    COMMA_OR_CLOSE,
    /** Text after the closing brace; the detail is that text. */
    TRAILING_TEXT,
    /** {@code {}} where the wording does not allow it. */
    EMPTY,
    /** A matcher {@link Matcher#of} refused (a bad regex); the detail is its message. */
    BAD_MATCHER,
    /** End of input inside a double-quoted value. */
    UNTERMINATED,
    /** A newline inside a double-quoted value. */
    NEWLINE_IN_STRING,
    /** End of input inside a backquoted value. */
    UNTERMINATED_RAW,
    /** An escape cut short by the end of the value. */
    SHORT_ESCAPE,
    /** A {@code \x \ u \U} escape with a non-hex digit. */
    BAD_HEX_ESCAPE,
    /** A {@code \ u \U} escape that is a surrogate or above U+10FFFF. */
    BAD_CODE_POINT,
    /** An octal escape with a non-octal digit. */
    BAD_OCTAL_ESCAPE,
    /** An octal escape above 255. */
    OCTAL_OUT_OF_RANGE,
    /** An unknown escape; the detail is the escaped character. */
    UNKNOWN_ESCAPE;

    /** Whether the problem lies inside a quoted value (its escapes or its end). */
    public boolean inString() {
        return ordinal() >= UNTERMINATED.ordinal();
    }
}
