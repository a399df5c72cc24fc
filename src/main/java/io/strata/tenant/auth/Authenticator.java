package io.strata.tenant.auth;

/**
 * Turns a request's headers into an {@link Identity}. Implementations are thread-safe and cheap to
 * call per request.
 */
public sealed interface Authenticator
        permits NoneAuthenticator, HeaderAuthenticator, JwtAuthenticator, BasicAuthenticator, CompositeAuthenticator {

    /**
     * @throws io.strata.model.StrataException 401 (missing or invalid credentials, with a text that
     *     says what to send), 400 (malformed Authorization header) or 403
     */
    Identity authenticate(RequestHeaders headers);

    /** The value of a {@code WWW-Authenticate} header for a 401, or null when none applies. */
    default String challenge() {
        return null;
    }
}
