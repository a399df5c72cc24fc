package io.strata.storage;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.strata.model.StrataException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Faults a healthy s3proxy cannot produce, from a scripted HTTP server on loopback: 503 SlowDown,
 * 500, a body cut off half-way, a server that never answers, and no server at all.
 */
class S3ObjectStoreFaultTest {
    private static final String SLOW_DOWN = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>SlowDown</Code>"
            + "<Message>Please reduce your request rate.</Message></Error>";

    private final AtomicInteger requests = new AtomicInteger();
    private HttpServer server;

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void slowDownIsRetriedUntilTheObjectComes() {
        serve((exchange, n) -> {
            if (n <= 2) {
                respond(exchange, 503, SLOW_DOWN);
            } else {
                respond(exchange, 200, "chunk bytes");
            }
        });
        try (S3ObjectStore store = new S3ObjectStore(options(4))) {
            assertEquals("chunk bytes", new String(store.get("t/chunks/1").orElseThrow(), UTF_8));
        }
        assertEquals(3, requests.get());
    }

    @Test
    void persistentSlowDownGivesUpAfterTheLastAttempt() {
        serve((exchange, n) -> respond(exchange, 503, SLOW_DOWN));
        try (S3ObjectStore store = new S3ObjectStore(options(4))) {
            StrataException e = S3ObjectStoreTest.unavailableWithin(Duration.ofSeconds(5),
                    Map.entry("put", () -> store.put("t/chunks/1", new byte[1000])));
            assertEquals("object store s3://faulty unavailable: put t/chunks/1: HTTP 503 SlowDown: "
                    + "Please reduce your request rate. (gave up after 4 attempts)", e.getMessage());
        }
        assertEquals(4, requests.get());
    }

    @Test
    void bodyCutOffHalfWayIsRetried() {
        serve((exchange, n) -> {
            exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
            if (n == 1) {
                exchange.sendResponseHeaders(200, 100);
                exchange.getResponseBody().write(new byte[10]);
                exchange.getResponseBody().flush();
                throw new IOException("cut the connection");
            }
            respond(exchange, 200, "whole object");
        });
        try (S3ObjectStore store = new S3ObjectStore(options(3))) {
            assertEquals("whole object", new String(store.get("t/k").orElseThrow(), UTF_8));
        }
        assertEquals(2, requests.get());
    }

    @Test
    void serverThatNeverAnswersTimesOut() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            S3Options options = options(2).withEndpoint(URI.create("http://127.0.0.1:" + silent.getLocalPort()), true)
                    .withTimeouts(Duration.ofMillis(500), Duration.ofMillis(400), Duration.ofSeconds(2));
            try (S3ObjectStore store = new S3ObjectStore(options)) {
                StrataException e = S3ObjectStoreTest.unavailableWithin(Duration.ofSeconds(6),
                        Map.entry("get", () -> store.get("t/k")));
                assertTrue(e.getMessage().endsWith("(gave up after 2 attempts)"), e.getMessage());
                assertTrue(e.getMessage().toLowerCase().contains("timed out")
                        || e.getMessage().toLowerCase().contains("timeout"), e.getMessage());
            }
        }
    }

    @Test
    void noServerAtAllIsUnavailableQuickly() throws IOException {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        S3Options options = options(3).withEndpoint(URI.create("http://127.0.0.1:" + port), true);
        try (S3ObjectStore store = new S3ObjectStore(options)) {
            StrataException e = S3ObjectStoreTest.unavailableWithin(Duration.ofSeconds(3),
                    Map.entry("list", () -> store.list("t/")));
            assertEquals("object store s3://faulty unavailable: list t/*: Unable to execute HTTP request: "
                    + "Connection refused (gave up after 3 attempts)", e.getMessage());
        }
    }

    private interface Script {
        void handle(HttpExchange exchange, int requestNumber) throws IOException;
    }

    private void serve(Script script) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.createContext("/", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                in.transferTo(OutputStream.nullOutputStream());
            }
            try {
                script.handle(exchange, requests.incrementAndGet());
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    private S3Options options(int attempts) {
        URI endpoint = server == null ? URI.create("http://127.0.0.1:1")
                : URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        return S3Options.defaults("faulty").withEndpoint(endpoint, true).withCredentials("AKID", "secret")
                .withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5))
                .withRetries(attempts, Duration.ofMillis(5));
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(UTF_8);
        exchange.getResponseHeaders().set("Content-Type", status == 200 ? "application/octet-stream" : "application/xml");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
