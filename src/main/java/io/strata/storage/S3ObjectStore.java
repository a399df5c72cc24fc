package io.strata.storage;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * An {@link ObjectStore} on an S3 bucket (AWS or any S3-compatible server) through the AWS SDK v2
 * with the JDK's {@code HttpURLConnection} client. Keys are stored as {@code <prefix>/<key>}.
 *
 * <p>Objects up to {@link S3Options#multipartThreshold()} go up in one PUT, larger ones as a
 * multipart upload (aborted again when a part fails), so a reader never sees half an object.
 * Listings are paginated and sorted here, whatever order the server used. Every request runs
 * through {@link S3Retry}: bounded retries on 5xx, throttling and I/O errors, then
 * {@code UNAVAILABLE}. Checksums are only sent when S3 requires them, because the SDK's default
 * aws-chunked CRC trailer is not understood by every S3-compatible server. Thread-safe; close it
 * to release the HTTP client.
 */
public final class S3ObjectStore implements ObjectStore {
    private static final String BINARY = "application/octet-stream";

    private final S3Options options;
    private final String keyPrefix;
    private final SdkHttpClient http;
    private final AwsCredentialsProvider credentials;
    private final S3Client client;
    private final S3Retry retry;

    public S3ObjectStore(S3Options options) {
        this.options = Objects.requireNonNull(options, "options");
        this.keyPrefix = options.prefix().isEmpty() ? "" : options.prefix() + "/";
        this.http = UrlConnectionHttpClient.builder()
                .connectionTimeout(options.connectTimeout())
                .socketTimeout(options.readTimeout())
                .build();
        this.credentials = options.credentials()
                .map(S3ObjectStore::staticProvider)
                .orElseGet(() -> DefaultCredentialsProvider.builder().build());
        S3ClientBuilder builder = S3Client.builder()
                .httpClient(http)
                .region(Region.of(options.region()))
                .forcePathStyle(options.forcePathStyle())
                .credentialsProvider(credentials)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .overrideConfiguration(c -> c
                        .retryStrategy(AwsRetryStrategy.doNotRetry())
                        .apiCallAttemptTimeout(options.attemptTimeout())
                        .addExecutionInterceptor(new NoExpectContinue()));
        options.endpoint().ifPresent(builder::endpointOverride);
        this.client = builder.build();
        this.retry = S3Retry.of(options);
    }

    @Override
    public void put(String key, byte[] data) {
        String name = objectName(key);
        if (data.length > options.multipartThreshold()) {
            putMultipart(key, name, data);
            return;
        }
        retry.run("put", key, () -> client.putObject(
                b -> b.bucket(options.bucket()).key(name).contentType(BINARY),
                body(data, 0, data.length)));
    }

    @Override
    public Optional<byte[]> get(String key) {
        String name = objectName(key);
        return retry.run("get", key, () -> {
            try {
                return Optional.of(client.getObject(b -> b.bucket(options.bucket()).key(name),
                        (response, body) -> readBody(body, response.contentLength())));
            } catch (AwsServiceException e) {
                if (isMissingKey(e)) {
                    return Optional.empty();
                }
                throw e;
            }
        });
    }

    @Override
    public List<String> list(String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        String fullPrefix = keyPrefix + prefix;
        List<String> keys = new ArrayList<>();
        String token = null;
        do {
            String continuation = token;
            ListObjectsV2Response page = retry.run("list", prefix + "*",
                    () -> client.listObjectsV2(b -> b.bucket(options.bucket())
                            .prefix(fullPrefix.isEmpty() ? null : fullPrefix)
                            .maxKeys(options.listPageSize())
                            .continuationToken(continuation)));
            for (S3Object object : page.contents()) {
                keys.add(object.key().substring(keyPrefix.length()));
            }
            String next = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
            token = next == null || next.equals(continuation) ? null : next;
        } while (token != null);
        Collections.sort(keys);
        return keys;
    }

    @Override
    public List<String> listDirectories(String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        if (!prefix.isEmpty() && !prefix.endsWith("/")) {
            return ObjectStore.super.listDirectories(prefix);
        }
        String fullPrefix = keyPrefix + prefix;
        java.util.TreeSet<String> dirs = new java.util.TreeSet<>();
        String token = null;
        do {
            String continuation = token;
            ListObjectsV2Response page = retry.run("list", prefix + "*/",
                    () -> client.listObjectsV2(b -> b.bucket(options.bucket())
                            .prefix(fullPrefix.isEmpty() ? null : fullPrefix)
                            .delimiter("/")
                            .maxKeys(options.listPageSize())
                            .continuationToken(continuation)));
            for (var common : page.commonPrefixes()) {
                String p = common.prefix();
                if (p.length() > fullPrefix.length() + 1 && p.endsWith("/")) {
                    dirs.add(p.substring(fullPrefix.length(), p.length() - 1));
                }
            }
            String next = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
            token = next == null || next.equals(continuation) ? null : next;
        } while (token != null);
        return List.copyOf(dirs);
    }

    @Override
    public void delete(String key) {
        String name = objectName(key);
        retry.run("delete", key, () -> {
            try {
                return client.deleteObject(b -> b.bucket(options.bucket()).key(name));
            } catch (AwsServiceException e) {
                if (isMissingKey(e)) {
                    return null;
                }
                throw e;
            }
        });
    }

    @Override
    public String describe() {
        return options.describe();
    }

    @Override
    public void close() {
        client.close();
        http.close();
        if (credentials instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception ignored) {
                // nothing useful to do: the process is releasing the store
            }
        }
    }

    private void putMultipart(String key, String name, byte[] data) {
        String uploadId = retry.run("put", key, () -> client.createMultipartUpload(
                b -> b.bucket(options.bucket()).key(name).contentType(BINARY)).uploadId());
        try {
            List<CompletedPart> parts = new ArrayList<>();
            int partSize = options.partSize();
            for (int offset = 0, number = 1; offset < data.length; offset += partSize, number++) {
                int length = Math.min(partSize, data.length - offset);
                int partNumber = number;
                int from = offset;
                String etag = retry.run("put", key + " (part " + partNumber + ")", () -> client.uploadPart(
                        b -> b.bucket(options.bucket()).key(name).uploadId(uploadId).partNumber(partNumber),
                        body(data, from, length)).eTag());
                parts.add(CompletedPart.builder().partNumber(partNumber).eTag(etag).build());
            }
            retry.run("put", key, () -> client.completeMultipartUpload(
                    b -> b.bucket(options.bucket()).key(name).uploadId(uploadId).multipartUpload(m -> m.parts(parts))));
        } catch (RuntimeException e) {
            try {
                client.abortMultipartUpload(b -> b.bucket(options.bucket()).key(name).uploadId(uploadId));
            } catch (SdkException abortFailed) {
                e.addSuppressed(abortFailed);
            }
            throw e;
        }
    }

    /** Reads the body into one array of the announced length: no growing buffer, no final copy. */
    private static byte[] readBody(InputStream body, Long contentLength) throws IOException {
        if (contentLength == null || contentLength < 0 || contentLength > Integer.MAX_VALUE - 8) {
            return body.readAllBytes();
        }
        byte[] data = new byte[contentLength.intValue()];
        int read = body.readNBytes(data, 0, data.length);
        if (read != data.length || body.read() != -1) {
            throw new IOException("object body has " + read + "+ bytes, Content-Length said " + contentLength);
        }
        return data;
    }

    private String objectName(String key) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("object key must not be empty");
        }
        return keyPrefix + key;
    }

    private static RequestBody body(byte[] data, int offset, int length) {
        return RequestBody.fromContentProvider(() -> new ByteArrayInputStream(data, offset, length), length, BINARY);
    }

    private static boolean isMissingKey(AwsServiceException e) {
        return e.statusCode() == 404 && e.awsErrorDetails() != null
                && "NoSuchKey".equals(e.awsErrorDetails().errorCode());
    }

    private static AwsCredentialsProvider staticProvider(S3Options.Credentials c) {
        AwsCredentials credentials = c.sessionToken() == null
                ? AwsBasicCredentials.create(c.accessKeyId(), c.secretAccessKey())
                : AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), c.sessionToken());
        return StaticCredentialsProvider.create(credentials);
    }

    /**
     * Drops the {@code Expect: 100-continue} header the SDK adds to uploads: with the
     * URL-connection HTTP client a server that answers before reading the body (or an empty body)
     * makes the write fail with "Error writing request body to server". Bodies are small enough to
     * send directly.
     */
    private static final class NoExpectContinue implements software.amazon.awssdk.core.interceptor.ExecutionInterceptor {
        @Override
        public software.amazon.awssdk.http.SdkHttpRequest modifyHttpRequest(
                software.amazon.awssdk.core.interceptor.Context.ModifyHttpRequest context,
                software.amazon.awssdk.core.interceptor.ExecutionAttributes attributes) {
            return context.httpRequest().toBuilder().removeHeader("Expect").build();
        }
    }
}
