package io.strata.model;

/**
 * The one exception type of Strata. Its message is the exact text a Loki client sees in the
 * response body, so write it the way Loki words the same failure.
 */
public class StrataException extends RuntimeException {
    private final ErrorCategory category;

    public StrataException(ErrorCategory category, String message) {
        super(message);
        this.category = category;
    }

    public StrataException(ErrorCategory category, String message, Throwable cause) {
        super(message, cause);
        this.category = category;
    }

    public ErrorCategory category() {
        return category;
    }

    public static StrataException badRequest(String message) {
        return new StrataException(ErrorCategory.BAD_REQUEST, message);
    }
}
