package io.strata.logql.syntax;

import io.strata.model.ErrorCategory;
import io.strata.model.StrataException;

/**
 * A LogQL parse or validation error. The message is Loki's text exactly:
 * {@code parse error at line 1, col 9: syntax error: unexpected $end, expecting } or ,} when a
 * position is known, {@code parse error : <detail>} otherwise (line = col = 0).
 */
public final class ParseException extends StrataException {
    private final int line;
    private final int column;
    private final String detail;

    public ParseException(String detail, int line, int column) {
        super(ErrorCategory.BAD_REQUEST, format(detail, line, column));
        this.detail = detail;
        this.line = line;
        this.column = column;
    }

    /** An error without position ({@code parse error : ...}). */
    public ParseException(String detail) {
        this(detail, 0, 0);
    }

    private static String format(String detail, int line, int column) {
        if (line == 0 && column == 0) {
            return "parse error : " + detail;
        }
        return "parse error at line " + line + ", col " + column + ": " + detail;
    }

    public int line() {
        return line;
    }

    /** 1-based column in characters (Unicode code points), 0 when unknown. */
    public int column() {
        return column;
    }

    /** The message without the {@code parse error ...:} prefix. */
    public String detail() {
        return detail;
    }
}
