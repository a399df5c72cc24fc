package io.strata.storage;

import java.net.URI;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The package-private {@link S3ProxyServer} for tests and benchmarks in other packages (LogQL
 * scripts over S3, the S3 benchmarks): a real s3proxy process per test class, fresh buckets, and
 * stop/start to simulate an outage. Use as
 * {@code @RegisterExtension static final S3StorageFixture S3 = new S3StorageFixture();}, or call
 * {@link #beforeAll}/{@link #afterAll} with {@code null} outside JUnit.
 */
public final class S3StorageFixture implements BeforeAllCallback, AfterAllCallback {
    private final S3ProxyServer server = new S3ProxyServer();

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        server.beforeAll(context);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        server.afterAll(context);
    }

    /** A fresh, empty bucket. */
    public String createBucket() {
        return server.createBucket();
    }

    /** Options for {@code bucket} on this server (test credentials, short timeouts, 3 attempts). */
    public S3Options options(String bucket) {
        return server.options(bucket);
    }

    /** A new store on {@code bucket}; the caller closes it. */
    public S3ObjectStore store(String bucket) {
        return new S3ObjectStore(options(bucket));
    }

    public URI endpoint() {
        return server.endpoint();
    }

    /** Kills the server process; the data stays for {@link #start}. */
    public void stop() throws InterruptedException {
        server.stop();
    }

    /** Starts the server again on the same port with the same data. */
    public void start() throws Exception {
        server.start();
    }
}
