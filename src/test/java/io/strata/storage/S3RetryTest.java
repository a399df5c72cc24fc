package io.strata.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.model.ErrorCategory;
import io.strata.model.StrataException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.S3Exception;

class S3RetryTest {
    private final List<Long> sleeps = new ArrayList<>();
    private final S3Retry retry = new S3Retry("s3://chunks", 4, Duration.ofMillis(100), sleeps::add);

    @Test
    void retriesSlowDownThenSucceeds() {
        AtomicInteger calls = new AtomicInteger();
        String result = retry.run("get", "t/k", () -> {
            if (calls.incrementAndGet() < 3) {
                throw s3(503, "SlowDown", "Please reduce your request rate.");
            }
            return "ok";
        });
        assertEquals("ok", result);
        assertEquals(3, calls.get());
        assertEquals(2, sleeps.size());
        assertTrue(sleeps.get(0) <= 100 && sleeps.get(1) <= 200, sleeps.toString());
    }

    @Test
    void givesUpAfterMaxAttemptsAsUnavailable() {
        AtomicInteger calls = new AtomicInteger();
        StrataException e = assertThrows(StrataException.class, () -> retry.run("put", "t/k", () -> {
            calls.incrementAndGet();
            throw s3(500, "InternalError", "We encountered an internal error.");
        }));
        assertEquals(4, calls.get());
        assertEquals(3, sleeps.size());
        assertEquals(ErrorCategory.UNAVAILABLE, e.category());
        assertEquals("object store s3://chunks unavailable: put t/k: HTTP 500 InternalError: "
                + "We encountered an internal error. (gave up after 4 attempts)", e.getMessage());
    }

    @Test
    void retriesThrottlingAndIoFailuresButNotClientErrors() {
        assertTrue(S3Retry.retryable(s3(429, null, null)));
        assertTrue(S3Retry.retryable(s3(400, "RequestTimeout", "idle")));
        assertTrue(S3Retry.retryable(s3(503, null, null)));
        assertTrue(S3Retry.retryable(io(new SocketTimeoutException("Read timed out"))));
        assertTrue(S3Retry.retryable(io(new IOException("Connection reset"))));
        assertTrue(!S3Retry.retryable(s3(403, "SignatureDoesNotMatch", "no")));
        assertTrue(!S3Retry.retryable(s3(404, "NoSuchBucket", "no")));
        assertTrue(!S3Retry.retryable(s3(400, "InvalidBucketName", "no")));
        assertTrue(!S3Retry.retryable(SdkClientException.create("Unable to load credentials from any of the providers")));
    }

    @Test
    void credentialFailureIsFinalAndSaysSo() {
        AtomicInteger calls = new AtomicInteger();
        StrataException e = assertThrows(StrataException.class, () -> retry.run("list", "t/*", () -> {
            calls.incrementAndGet();
            throw s3(403, "InvalidAccessKeyId", "The AWS Access Key Id you provided does not exist in our records.");
        }));
        assertEquals(1, calls.get());
        assertEquals(List.of(), sleeps);
        assertEquals("object store s3://chunks unavailable: list t/*: access denied, check the S3 credentials and "
                + "bucket policy (HTTP 403 InvalidAccessKeyId)", e.getMessage());
    }

    @Test
    void ioFailureMessageNamesTheRootCauseWithoutSdkNoise() {
        StrataException e = assertThrows(StrataException.class, () -> retry.run("get", "t/k", () -> {
            throw SdkClientException.builder().message("Unable to execute HTTP request: Read timed out (SDK Attempt Count: 1)")
                    .cause(new SocketTimeoutException("Read timed out")).build();
        }));
        assertEquals("object store s3://chunks unavailable: get t/k: Unable to execute HTTP request: Read timed out "
                + "(gave up after 4 attempts)", e.getMessage());
    }

    @Test
    void backoffGrowsExponentiallyWithJitterAndIsCapped() {
        for (int i = 0; i < 200; i++) {
            assertTrue(retry.backoffMillis(1) <= 100);
            assertTrue(retry.backoffMillis(3) <= 400);
            long late = retry.backoffMillis(30);
            assertTrue(late >= 0 && late <= S3Options.MAX_BACKOFF.toMillis(), "capped: " + late);
        }
        long sum = 0;
        for (int i = 0; i < 200; i++) {
            sum += retry.backoffMillis(5);
        }
        assertTrue(sum / 200 > 300 && sum / 200 < 1300, "jittered around 800 ms on average: " + sum / 200);
        assertEquals(0, new S3Retry("s3://x", 3, Duration.ZERO, sleeps::add).backoffMillis(4));
    }

    @Test
    void interruptStopsRetryingAndKeepsTheFlag() {
        S3Retry interrupted = new S3Retry("s3://chunks", 5, Duration.ofMillis(100), millis -> {
            throw new InterruptedException();
        });
        AtomicInteger calls = new AtomicInteger();
        try {
            StrataException e = assertThrows(StrataException.class, () -> interrupted.run("get", "t/k", () -> {
                calls.incrementAndGet();
                throw s3(503, "SlowDown", "slow");
            }));
            assertEquals(ErrorCategory.UNAVAILABLE, e.category());
            assertEquals("object store s3://chunks unavailable: get t/k: HTTP 503 SlowDown: slow "
                    + "(interrupted while waiting to retry)", e.getMessage());
            assertEquals(1, calls.get());
            assertTrue(Thread.currentThread().isInterrupted());
        } finally {
            Thread.interrupted();
        }
    }

    private static SdkException s3(int status, String code, String message) {
        return S3Exception.builder().statusCode(status).message(message)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message).build()).build();
    }

    private static SdkException io(IOException cause) {
        return SdkClientException.builder().message("Unable to execute HTTP request: " + cause.getMessage())
                .cause(cause).build();
    }
}
