package io.strata.it;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The packaged server ({@code target/quarkus-app/quarkus-run.jar}) run as a child JVM, for tests
 * that must kill it the hard way. Integration tests only: the jar exists after {@code package}.
 */
final class StrataProcess implements AutoCloseable {
    private final Path dataDir;
    private final int port;
    private final Map<String, String> env;
    private final Path log;
    private Process process;

    StrataProcess(Path dataDir, Map<String, String> extraEnv) throws IOException {
        this.dataDir = dataDir;
        this.port = freePort();
        this.env = new HashMap<>(extraEnv);
        this.log = Files.createTempFile("strata-it", ".log");
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Sets an environment variable for the next {@link #start()} (e.g. addresses known only after construction). */
    void putEnv(String name, String value) {
        env.put(name, value);
    }

    int port() {
        return port;
    }

    URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + port + pathAndQuery);
    }

    Path log() {
        return log;
    }

    void start() throws Exception {
        String jar = System.getProperty("strata.runner.jar", "target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(Path.of(jar))) {
            throw new IllegalStateException("packaged server missing: " + jar + " (run through 'mvn verify')");
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx512m", "-jar", jar));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        pb.environment().put("STRATA_DATA_DIR", dataDir.toString());
        pb.environment().putAll(env);
        pb.redirectErrorStream(true);
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        process = pb.start();
        awaitReady(Duration.ofSeconds(60));
    }

    private void awaitReady(Duration timeout) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("server exited with " + process.exitValue() + "; log:\n"
                        + Files.readString(log));
            }
            try {
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(uri("/ready")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("server not ready within " + timeout + "; log:\n" + Files.readString(log));
    }

    /** SIGKILL: no shutdown hooks, no flush. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** SIGTERM and wait. */
    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(java.util.concurrent.TimeUnit.SECONDS.toMillis(60), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            process.waitFor();
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            kill();
        }
    }
}
