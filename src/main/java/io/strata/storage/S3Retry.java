package io.strata.storage;

import io.strata.model.ErrorCategory;
import io.strata.model.StrataException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.exception.SdkServiceException;

/**
 * Runs one S3 request with bounded retries and turns every SDK failure into a
 * {@link StrataException} of category {@code UNAVAILABLE} whose message names the store.
 *
 * <p>Retried: HTTP 5xx (including 503 {@code SlowDown}), 429, S3's throttling and
 * {@code RequestTimeout} codes, and client-side I/O failures (connection refused or reset, socket
 * and attempt timeouts). Back-off is exponential from {@code baseBackoff}, capped at
 * {@link S3Options#MAX_BACKOFF}, with full jitter. Not retried: a missing bucket, rejected
 * credentials, any other 4xx. The SDK's own retries are switched off so this is the only policy.
 * Immutable and thread-safe.
 */
final class S3Retry {
    /** Sleeps between attempts; tests pass one that records instead of sleeping. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(long millis) throws InterruptedException;
    }

    private static final Set<String> RETRYABLE_CODES = Set.of("SlowDown", "RequestTimeout", "Throttling",
            "ThrottlingException", "RequestThrottled", "RequestLimitExceeded", "InternalError", "ServiceUnavailable");
    private static final Set<String> CREDENTIAL_CODES = Set.of("InvalidAccessKeyId", "SignatureDoesNotMatch",
            "AccessDenied", "ExpiredToken", "InvalidToken", "TokenRefreshRequired", "AuthorizationHeaderMalformed");

    private static final Pattern SDK_ATTEMPT_COUNT = Pattern.compile(" \\(SDK Attempt Count: \\d+\\)");

    private final String store;
    private final int maxAttempts;
    private final long baseMillis;
    private final long capMillis;
    private final Sleeper sleeper;

    S3Retry(String store, int maxAttempts, Duration baseBackoff, Sleeper sleeper) {
        this.store = store;
        this.maxAttempts = maxAttempts;
        this.baseMillis = baseBackoff.toMillis();
        this.capMillis = S3Options.MAX_BACKOFF.toMillis();
        this.sleeper = sleeper;
    }

    static S3Retry of(S3Options options) {
        return new S3Retry(options.describe(), options.maxAttempts(), options.baseBackoff(), Thread::sleep);
    }

    /** Runs {@code call}; {@code operation} and {@code key} only label the error message. */
    <T> T run(String operation, String key, Supplier<T> call) {
        for (int attempt = 1; ; attempt++) {
            try {
                return call.get();
            } catch (SdkException e) {
                if (!retryable(e)) {
                    throw unavailable(operation, key, e, 1);
                }
                if (attempt >= maxAttempts) {
                    throw unavailable(operation, key, e, attempt);
                }
                pause(operation, key, attempt, e);
            }
        }
    }

    /** The back-off before retry number {@code attempt} (1 = first retry): a random 0..min(cap, base·2^(attempt-1)). */
    long backoffMillis(int attempt) {
        long ceiling = Math.min(capMillis, baseMillis << Math.min(attempt - 1, 20));
        return ceiling <= 0 ? 0 : ThreadLocalRandom.current().nextLong(ceiling + 1);
    }

    static boolean retryable(SdkException e) {
        if (e instanceof SdkServiceException service) {
            int status = service.statusCode();
            return status >= 500 || status == 429 || RETRYABLE_CODES.contains(errorCode(e));
        }
        if (e instanceof ApiCallAttemptTimeoutException) {
            return true;
        }
        if (e instanceof SdkClientException) {
            for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
                if (t instanceof IOException || t instanceof UncheckedIOException) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The error for a failed request; {@code attempts > 1} only when retries ran out. */
    StrataException unavailable(String operation, String key, SdkException e, int attempts) {
        return unavailable(operation, key, e, attempts > 1 ? " (gave up after " + attempts + " attempts)" : "");
    }

    private StrataException unavailable(String operation, String key, SdkException e, String suffix) {
        return new StrataException(ErrorCategory.UNAVAILABLE,
                "object store " + store + " unavailable: " + operation + " " + key + ": " + reason(e) + suffix, e);
    }

    private static String reason(SdkException e) {
        if (e instanceof SdkServiceException service) {
            AwsErrorDetails details = e instanceof AwsServiceException aws ? aws.awsErrorDetails() : null;
            String code = details == null ? null : details.errorCode();
            String status = "HTTP " + service.statusCode() + (code == null ? "" : " " + code);
            if ("NoSuchBucket".equals(code)) {
                return "bucket does not exist (NoSuchBucket)";
            }
            if (service.statusCode() == 403 || CREDENTIAL_CODES.contains(code)) {
                return "access denied, check the S3 credentials and bucket policy (" + status + ")";
            }
            String message = details == null ? null : details.errorMessage();
            return message == null || message.isEmpty() ? status : status + ": " + message;
        }
        String text = e.getMessage() == null ? e.getClass().getSimpleName()
                : SDK_ATTEMPT_COUNT.matcher(e.getMessage()).replaceAll("");
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root != e && root.getMessage() != null && !text.contains(root.getMessage())) {
            text = text + ": " + root.getMessage();
        }
        return text;
    }

    private static String errorCode(SdkException e) {
        AwsErrorDetails details = e instanceof AwsServiceException aws ? aws.awsErrorDetails() : null;
        return details == null ? null : details.errorCode();
    }

    private void pause(String operation, String key, int attempt, SdkException cause) {
        try {
            sleeper.sleep(backoffMillis(attempt));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            StrataException e = unavailable(operation, key, cause, " (interrupted while waiting to retry)");
            e.addSuppressed(interrupted);
            throw e;
        }
    }
}
