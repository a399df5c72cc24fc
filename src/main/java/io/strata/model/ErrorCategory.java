package io.strata.model;

/**
 * What kind of failure a {@link StrataException} is. The API layer maps each category to one
 * HTTP status, the way Loki's {@code pkg/util/server/error.go} does.
 */
public enum ErrorCategory {
    /** Bad input from the caller: 400. */
    BAD_REQUEST(400),
    /** No credentials / no tenant: 401. */
    UNAUTHENTICATED(401),
    /** Authenticated but not allowed: 403. */
    FORBIDDEN(403),
    /** Resource does not exist: 404. */
    NOT_FOUND(404),
    /** Body or message over a size limit: 413. */
    TOO_LARGE(413),
    /** Valid request without acceptable content (Loki: push without streams): 422. */
    UNPROCESSABLE(422),
    /** Rate limits: 429. */
    RATE_LIMITED(429),
    /** The client went away: 499. */
    CANCELLED(499),
    /** Bug or unexpected failure: 500. */
    INTERNAL(500),
    /** A dependency (object store, writer) is down: 503. */
    UNAVAILABLE(503),
    /** Query timeout: 504. */
    TIMEOUT(504);

    private final int httpStatus;

    ErrorCategory(int httpStatus) {
        this.httpStatus = httpStatus;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
