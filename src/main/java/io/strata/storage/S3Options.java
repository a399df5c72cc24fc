package io.strata.storage;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where and how {@link S3ObjectStore} talks to an S3 bucket. Plain values only: the
 * {@code config} package builds one from Quarkus configuration, tests build one by hand, and
 * {@link #fromEnvironment(Map)} reads the {@code STRATA_S3_*} variables of the deployment guide.
 *
 * @param endpoint          an S3-compatible endpoint (MinIO, Ceph, s3proxy); empty means AWS
 * @param bucket            the bucket; it must exist (Strata never creates it)
 * @param region            signing region, e.g. {@code us-east-1}
 * @param forcePathStyle    {@code http://host/bucket/key} instead of {@code http://bucket.host/key}
 * @param prefix            a key prefix without leading or trailing {@code /}; empty for none
 * @param credentials       static credentials; empty means the SDK's default provider chain
 *                          (environment, system properties, profile, web identity, instance role)
 * @param connectTimeout    TCP connect timeout
 * @param readTimeout       socket read timeout (a stalled server fails after this)
 * @param attemptTimeout    limit for one HTTP attempt, including the upload of its body
 * @param maxAttempts       attempts per request, including the first (retries on 5xx, throttling, I/O)
 * @param baseBackoff       first back-off; doubled per retry, capped at {@link #MAX_BACKOFF}, full jitter
 * @param multipartThreshold objects larger than this are uploaded in parts
 * @param partSize          size of one multipart part (at least 5 MiB, S3's minimum)
 * @param listPageSize      keys per list request (S3 caps it at 1000)
 */
public record S3Options(
        Optional<URI> endpoint,
        String bucket,
        String region,
        boolean forcePathStyle,
        String prefix,
        Optional<Credentials> credentials,
        Duration connectTimeout,
        Duration readTimeout,
        Duration attemptTimeout,
        int maxAttempts,
        Duration baseBackoff,
        long multipartThreshold,
        int partSize,
        int listPageSize) {

    public static final String DEFAULT_REGION = "us-east-1";
    public static final Duration MAX_BACKOFF = Duration.ofSeconds(2);
    static final int MIN_PART_SIZE = 5 * 1024 * 1024;

    public S3Options {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(credentials, "credentials");
        if (bucket == null || bucket.isBlank()) {
            throw new IllegalArgumentException("S3 bucket is required (STRATA_S3_BUCKET)");
        }
        if (region == null || region.isBlank()) {
            region = DEFAULT_REGION;
        }
        prefix = normalizePrefix(prefix);
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(readTimeout, "readTimeout");
        requirePositive(attemptTimeout, "attemptTimeout");
        if (baseBackoff == null || baseBackoff.isNegative()) {
            throw new IllegalArgumentException("baseBackoff must not be negative, got " + baseBackoff);
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
        }
        if (partSize < MIN_PART_SIZE) {
            throw new IllegalArgumentException("partSize must be at least 5 MiB, got " + partSize);
        }
        if (multipartThreshold < partSize) {
            throw new IllegalArgumentException("multipartThreshold must be at least partSize");
        }
        if (listPageSize < 1 || listPageSize > 1000) {
            throw new IllegalArgumentException("listPageSize must be in 1..1000, got " + listPageSize);
        }
    }

    /**
     * Defaults for a bucket: AWS endpoint, {@value #DEFAULT_REGION}, no prefix, default credential
     * chain, 5 s connect / 30 s read timeouts, 4 attempts from 100 ms back-off, multipart above 16 MiB
     * in 8 MiB parts, 1000 keys per list page.
     */
    public static S3Options defaults(String bucket) {
        return new S3Options(Optional.empty(), bucket, DEFAULT_REGION, false, "", Optional.empty(),
                Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofMinutes(2), 4, Duration.ofMillis(100),
                16L * 1024 * 1024, 8 * 1024 * 1024, 1000);
    }

    /**
     * Reads {@code STRATA_S3_ENDPOINT}, {@code STRATA_S3_BUCKET}, {@code STRATA_S3_FORCE_PATH_STYLE}
     * (default {@code true} when an endpoint is set, else {@code false}), {@code STRATA_S3_PREFIX},
     * {@code AWS_REGION} (default {@value #DEFAULT_REGION}) and, when both are set,
     * {@code AWS_ACCESS_KEY_ID} / {@code AWS_SECRET_ACCESS_KEY} (+ optional {@code AWS_SESSION_TOKEN});
     * without them the SDK's default provider chain finds credentials (IRSA, instance roles, ...).
     */
    public static S3Options fromEnvironment(Map<String, String> env) {
        Optional<URI> endpoint = value(env, "STRATA_S3_ENDPOINT").map(S3Options::parseEndpoint);
        boolean pathStyle = value(env, "STRATA_S3_FORCE_PATH_STYLE")
                .map(v -> parseBoolean("STRATA_S3_FORCE_PATH_STYLE", v))
                .orElse(endpoint.isPresent());
        Optional<Credentials> credentials = Optional.empty();
        Optional<String> key = value(env, "AWS_ACCESS_KEY_ID");
        Optional<String> secret = value(env, "AWS_SECRET_ACCESS_KEY");
        if (key.isPresent() && secret.isPresent()) {
            credentials = Optional.of(new Credentials(key.get(), secret.get(),
                    value(env, "AWS_SESSION_TOKEN").orElse(null)));
        }
        S3Options base = defaults(value(env, "STRATA_S3_BUCKET").orElse(null));
        return new S3Options(endpoint, base.bucket(), value(env, "AWS_REGION").orElse(DEFAULT_REGION), pathStyle,
                value(env, "STRATA_S3_PREFIX").orElse(""), credentials, base.connectTimeout(), base.readTimeout(),
                base.attemptTimeout(), base.maxAttempts(), base.baseBackoff(), base.multipartThreshold(),
                base.partSize(), base.listPageSize());
    }

    public S3Options withEndpoint(URI uri, boolean pathStyle) {
        return new S3Options(Optional.of(uri), bucket, region, pathStyle, prefix, credentials, connectTimeout,
                readTimeout, attemptTimeout, maxAttempts, baseBackoff, multipartThreshold, partSize, listPageSize);
    }

    public S3Options withPrefix(String newPrefix) {
        return new S3Options(endpoint, bucket, region, forcePathStyle, newPrefix, credentials, connectTimeout,
                readTimeout, attemptTimeout, maxAttempts, baseBackoff, multipartThreshold, partSize, listPageSize);
    }

    public S3Options withCredentials(String accessKeyId, String secretAccessKey) {
        return new S3Options(endpoint, bucket, region, forcePathStyle, prefix,
                Optional.of(new Credentials(accessKeyId, secretAccessKey, null)), connectTimeout, readTimeout,
                attemptTimeout, maxAttempts, baseBackoff, multipartThreshold, partSize, listPageSize);
    }

    public S3Options withTimeouts(Duration connect, Duration read, Duration attempt) {
        return new S3Options(endpoint, bucket, region, forcePathStyle, prefix, credentials, connect, read, attempt,
                maxAttempts, baseBackoff, multipartThreshold, partSize, listPageSize);
    }

    public S3Options withRetries(int attempts, Duration backoff) {
        return new S3Options(endpoint, bucket, region, forcePathStyle, prefix, credentials, connectTimeout,
                readTimeout, attemptTimeout, attempts, backoff, multipartThreshold, partSize, listPageSize);
    }

    public S3Options withMultipart(long threshold, int part) {
        return new S3Options(endpoint, bucket, region, forcePathStyle, prefix, credentials, connectTimeout,
                readTimeout, attemptTimeout, maxAttempts, baseBackoff, threshold, part, listPageSize);
    }

    public S3Options withListPageSize(int pageSize) {
        return new S3Options(endpoint, bucket, region, forcePathStyle, prefix, credentials, connectTimeout,
                readTimeout, attemptTimeout, maxAttempts, baseBackoff, multipartThreshold, partSize, pageSize);
    }

    /** {@code s3://bucket} or {@code s3://bucket/prefix}: the store's name in messages and metrics. */
    public String describe() {
        return prefix.isEmpty() ? "s3://" + bucket : "s3://" + bucket + "/" + prefix;
    }

    /** Static S3 credentials; {@link #toString()} never shows the secret or the session token. */
    public record Credentials(String accessKeyId, String secretAccessKey, String sessionToken) {
        public Credentials {
            if (accessKeyId == null || accessKeyId.isEmpty() || secretAccessKey == null || secretAccessKey.isEmpty()) {
                throw new IllegalArgumentException("S3 credentials need both an access key id and a secret");
            }
        }

        @Override
        public String toString() {
            return "Credentials[accessKeyId=" + accessKeyId + ", secretAccessKey=***"
                    + (sessionToken == null ? "" : ", sessionToken=***") + "]";
        }
    }

    private static Optional<String> value(Map<String, String> env, String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
    }

    private static URI parseEndpoint(String text) {
        URI uri;
        try {
            uri = URI.create(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("STRATA_S3_ENDPOINT is not a URI: " + text, e);
        }
        if (uri.getScheme() == null || uri.getHost() == null
                || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
            throw new IllegalArgumentException(
                    "STRATA_S3_ENDPOINT must be an http:// or https:// URL with a host, got " + text);
        }
        return uri;
    }

    private static boolean parseBoolean(String name, String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw new IllegalArgumentException(name + " must be true or false, got " + text);
        };
    }

    private static String normalizePrefix(String p) {
        if (p == null) {
            return "";
        }
        String s = p.strip();
        int from = 0;
        int to = s.length();
        while (from < to && s.charAt(from) == '/') {
            from++;
        }
        while (to > from && s.charAt(to - 1) == '/') {
            to--;
        }
        return s.substring(from, to);
    }

    private static void requirePositive(Duration d, String name) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + d);
        }
    }
}
