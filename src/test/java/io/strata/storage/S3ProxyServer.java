package io.strata.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real s3proxy 4.1.0 ({@code filesystem-nio2} backend in a temp dir, SigV4 authentication) as a
 * separate JVM process on a free loopback port, started before a test class and stopped after it.
 * Use it as {@code @RegisterExtension static final S3ProxyServer S3 = new S3ProxyServer();}.
 *
 * <p>The fat jar bundles unshaded AWS SDK classes, so it never goes on the test classpath. It is
 * taken from {@code STRATA_S3PROXY_JAR} or the local Maven repository; when it is missing the test
 * class fails (it is not skipped) with the command that fetches it.
 */
public final class S3ProxyServer implements BeforeAllCallback, AfterAllCallback {
    public static final String ACCESS_KEY = "strata-test-access";
    public static final String SECRET_KEY = "strata-test-secret";
    public static final String REGION = "us-east-1";
    private static final String ARTIFACT = "org.gaul:s3proxy:4.1.0:jar:jar-with-dependencies";
    private static final AtomicInteger BUCKETS = new AtomicInteger();
    private static final Duration STARTUP = Duration.ofSeconds(90);

    private Path jar;
    private Path dir;
    private int port;
    private Process process;
    private S3Client admin;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        jar = locateJar();
        dir = Files.createTempDirectory("strata-s3proxy");
        Files.createDirectories(dir.resolve("data"));
        port = freePort();
        Files.writeString(dir.resolve("s3proxy.conf"), String.join("\n",
                "s3proxy.endpoint=http://127.0.0.1:" + port,
                "s3proxy.authorization=aws-v2-or-v4",
                "s3proxy.identity=" + ACCESS_KEY,
                "s3proxy.credential=" + SECRET_KEY,
                "jclouds.provider=filesystem-nio2",
                "jclouds.filesystem.basedir=" + dir.resolve("data"),
                ""));
        start();
        admin = S3Client.builder()
                .httpClient(UrlConnectionHttpClient.builder().build())
                .endpointOverride(endpoint())
                .forcePathStyle(true)
                .region(Region.of(REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .build();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (admin != null) {
            admin.close();
        }
        stop();
        if (dir != null) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** Options for a bucket on this server: path style, test credentials, short timeouts and back-off. */
    S3Options options(String bucket) {
        return S3Options.defaults(bucket)
                .withEndpoint(endpoint(), true)
                .withCredentials(ACCESS_KEY, SECRET_KEY)
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(20), Duration.ofSeconds(60))
                .withRetries(3, Duration.ofMillis(20));
    }

    /** Creates a fresh, empty bucket with a unique name. */
    public String createBucket() {
        String name = "strata-test-" + BUCKETS.incrementAndGet() + "-" + ProcessHandle.current().pid();
        admin.createBucket(b -> b.bucket(name));
        return name;
    }

    /** A plain SDK client with the right credentials, for looking behind the store's back. */
    S3Client admin() {
        return admin;
    }

    /** Kills the server (the data dir stays), e.g. to simulate an outage in the middle of a test. */
    void stop() throws InterruptedException {
        if (process == null) {
            return;
        }
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        process = null;
    }

    /** Starts the server again on the same port with the same data. */
    void start() throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path log = dir.resolve("s3proxy.log");
        process = new ProcessBuilder(List.of(java.toString(), "-Xmx384m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-Djava.net.preferIPv4Stack=true",
                "-jar", jar.toString(), "--properties", dir.resolve("s3proxy.conf").toString()))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        Process started = process;
        Runtime.getRuntime().addShutdownHook(new Thread(started::destroyForcibly));
        awaitReady(log);
    }

    private void awaitReady(Path log) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("s3proxy exited with " + process.exitValue() + ":\n" + tail(log));
            }
            try {
                HttpURLConnection c = (HttpURLConnection) endpoint().toURL().openConnection();
                c.setConnectTimeout(500);
                c.setReadTimeout(2000);
                c.getResponseCode();
                c.disconnect();
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        stop();
        throw new IllegalStateException("s3proxy did not answer within " + STARTUP + ":\n" + tail(log));
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static Path locateJar() {
        String configured = System.getenv("STRATA_S3PROXY_JAR");
        if (configured != null && !configured.isBlank()) {
            Path p = Path.of(configured);
            if (!Files.isRegularFile(p)) {
                throw new IllegalStateException("STRATA_S3PROXY_JAR=" + configured + " is not a file");
            }
            return p;
        }
        String repo = System.getProperty("maven.repo.local",
                Path.of(System.getProperty("user.home"), ".m2", "repository").toString());
        Path p = Path.of(repo, "org", "gaul", "s3proxy", "4.1.0", "s3proxy-4.1.0-jar-with-dependencies.jar");
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException("The S3 tests need the s3proxy fat jar, not found at " + p
                    + ". Fetch it with: mvn -B -q dependency:get -Dartifact=" + ARTIFACT
                    + " -Dtransitive=false   (or point STRATA_S3PROXY_JAR at a copy)");
        }
        return p;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
