package io.strata.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class S3OptionsTest {
    @Test
    void readsTheDeploymentEnvironment() {
        S3Options o = S3Options.fromEnvironment(Map.of(
                "STRATA_S3_ENDPOINT", "http://minio.storage:9000",
                "STRATA_S3_BUCKET", "strata-chunks",
                "STRATA_S3_PREFIX", "/prod/eu/",
                "AWS_REGION", "eu-west-1",
                "AWS_ACCESS_KEY_ID", "AKIDEXAMPLE",
                "AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI"));
        assertEquals(Optional.of(URI.create("http://minio.storage:9000")), o.endpoint());
        assertEquals("strata-chunks", o.bucket());
        assertEquals("eu-west-1", o.region());
        assertTrue(o.forcePathStyle(), "path style by default with a custom endpoint");
        assertEquals("prod/eu", o.prefix());
        assertEquals("s3://strata-chunks/prod/eu", o.describe());
        assertEquals("AKIDEXAMPLE", o.credentials().orElseThrow().accessKeyId());
        assertEquals("wJalrXUtnFEMI", o.credentials().orElseThrow().secretAccessKey());
    }

    @Test
    void awsDefaults() {
        S3Options o = S3Options.fromEnvironment(Map.of("STRATA_S3_BUCKET", "b12"));
        assertEquals(Optional.empty(), o.endpoint());
        assertEquals("us-east-1", o.region());
        assertFalse(o.forcePathStyle(), "virtual-hosted style on AWS");
        assertEquals("", o.prefix());
        assertEquals("s3://b12", o.describe());
        assertEquals(Optional.empty(), o.credentials(), "the SDK's default chain (IRSA, instance role, ...)");
        assertEquals(16L * 1024 * 1024, o.multipartThreshold());
        assertEquals(4, o.maxAttempts());
    }

    @Test
    void explicitPathStyleWins() {
        assertFalse(S3Options.fromEnvironment(Map.of("STRATA_S3_BUCKET", "bkt", "STRATA_S3_ENDPOINT",
                "https://s3.example.com", "STRATA_S3_FORCE_PATH_STYLE", "false")).forcePathStyle());
        assertTrue(S3Options.fromEnvironment(Map.of("STRATA_S3_BUCKET", "bkt",
                "STRATA_S3_FORCE_PATH_STYLE", "TRUE")).forcePathStyle());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> S3Options.fromEnvironment(
                Map.of("STRATA_S3_BUCKET", "bkt", "STRATA_S3_FORCE_PATH_STYLE", "maybe")));
        assertEquals("STRATA_S3_FORCE_PATH_STYLE must be true or false, got maybe", e.getMessage());
    }

    @Test
    void halfACredentialPairFallsBackToTheDefaultChain() {
        assertEquals(Optional.empty(), S3Options.fromEnvironment(
                Map.of("STRATA_S3_BUCKET", "bkt", "AWS_ACCESS_KEY_ID", "AKID")).credentials());
    }

    @Test
    void badSettingsAreNamed() {
        assertEquals("S3 bucket is required (STRATA_S3_BUCKET)",
                assertThrows(IllegalArgumentException.class, () -> S3Options.fromEnvironment(Map.of())).getMessage());
        assertEquals("STRATA_S3_ENDPOINT must be an http:// or https:// URL with a host, got minio:9000",
                assertThrows(IllegalArgumentException.class, () -> S3Options.fromEnvironment(
                        Map.of("STRATA_S3_BUCKET", "bkt", "STRATA_S3_ENDPOINT", "minio:9000"))).getMessage());
        assertThrows(IllegalArgumentException.class, () -> S3Options.defaults("bkt").withMultipart(16 << 20, 1 << 20));
        assertThrows(IllegalArgumentException.class, () -> S3Options.defaults("bkt").withListPageSize(1001));
        assertThrows(IllegalArgumentException.class, () -> S3Options.defaults("bkt").withRetries(0, null));
    }

    @Test
    void toStringNeverShowsTheSecret() {
        S3Options o = S3Options.defaults("bkt").withCredentials("AKIDEXAMPLE", "very-secret-value");
        assertTrue(o.toString().contains("AKIDEXAMPLE"));
        assertFalse(o.toString().contains("very-secret-value"), o.toString());
        S3Options.Credentials session = new S3Options.Credentials("AKID", "s3cr3t", "session-token-xyz");
        assertFalse(session.toString().contains("s3cr3t") || session.toString().contains("session-token-xyz"));
    }
}
