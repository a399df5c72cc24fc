package io.strata.ruler;

import java.io.File;
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
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Alertmanager or Prometheus process for integration tests, on a free loopback port with
 * its data in a temp directory; {@link #close()} kills it. A missing binary fails the test with the
 * install instruction (never skips).
 */
public final class ExternalServer implements AutoCloseable {
    static final String INSTALL = "apt-get update && apt-get install -y --no-install-recommends "
            + "prometheus-alertmanager prometheus";

    public final URI base;
    private final Process process;
    private final Path log;
    final HttpClient http = HttpClient.newHttpClient();

    private ExternalServer(URI base, Process process, Path log) {
        this.base = base;
        this.process = process;
        this.log = log;
    }

    static Path binary(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        throw new AssertionError(name + " is not installed; install it with: " + INSTALL);
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    public static ExternalServer alertmanager(Path work) throws Exception {
        Path bin = binary("prometheus-alertmanager");
        Path config = work.resolve("am.yml");
        Files.writeString(config, """
                route:
                  receiver: blackhole
                  group_by: ['alertname']
                  group_wait: 1s
                  group_interval: 1s
                  repeat_interval: 1h
                receivers:
                  - name: blackhole
                """);
        int port = freePort();
        return start(work, List.of(bin.toString(), "--config.file=" + config, "--storage.path=" + work.resolve("am-data"),
                "--web.listen-address=127.0.0.1:" + port, "--cluster.listen-address="), port);
    }

    public static ExternalServer prometheus(Path work) throws Exception {
        Path bin = binary("prometheus");
        Path config = work.resolve("prom.yml");
        Files.writeString(config, "global:\n  scrape_interval: 15s\n");
        int port = freePort();
        return start(work, List.of(bin.toString(), "--config.file=" + config,
                "--storage.tsdb.path=" + work.resolve("prom-data"), "--web.listen-address=127.0.0.1:" + port,
                "--web.enable-remote-write-receiver"), port);
    }

    private static ExternalServer start(Path work, List<String> command, int port) throws Exception {
        Path log = work.resolve(Path.of(command.get(0)).getFileName() + ".log");
        Process p = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        ExternalServer s = new ExternalServer(URI.create("http://127.0.0.1:" + port), p, log);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new AssertionError(command.get(0) + " exited: " + Files.readString(log));
            }
            try {
                if (s.get("/-/ready").statusCode() == 200) {
                    return s;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        s.close();
        throw new AssertionError(command.get(0) + " not ready within 30 s: " + Files.readString(log));
    }

    public HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base + pathAndQuery)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    public String logText() throws IOException {
        return Files.readString(log);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
