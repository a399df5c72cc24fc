package io.strata.ruler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.strata.model.Labels;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AlertmanagerNotifierTest {
    record Request(String path, String tenant, String contentType, String body) {}

    final List<Request> requests = new CopyOnWriteArrayList<>();
    final AtomicInteger status = new AtomicInteger(200);
    HttpServer server;

    URI start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            byte[] body = ex.getRequestBody().readAllBytes();
            requests.add(new Request(ex.getRequestURI().getPath(), ex.getRequestHeaders().getFirst("X-Scope-OrgID"),
                    ex.getRequestHeaders().getFirst("Content-Type"), new String(body, StandardCharsets.UTF_8)));
            ex.sendResponseHeaders(status.get(), -1);
            ex.close();
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/prefix/");
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    static AlertNotification alert(int i) {
        return new AlertNotification(Labels.of("alertname", "A", "i", Integer.toString(i)), Labels.of("s", "x"),
                1_795_295_400_000L, 1_795_295_640_000L, "http://g/explore?left=x");
    }

    @Test
    void postsApiV2JsonWithTenantHeaderInBatchesOf256() throws Exception {
        URI base = start();
        RulerCounters counters = new RulerCounters();
        RulerOptions options = RulerOptions.defaults().withAlertmanagerUrls(List.of(base));
        try (AlertmanagerNotifier n = new AlertmanagerNotifier(options, t -> RulerTenantOptions.DEFAULTS, counters)) {
            List<AlertNotification> many = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                many.add(alert(i));
            }
            n.send("tenant-a", many);
            assertTrue(n.awaitIdle(Duration.ofSeconds(10)));
        }
        assertEquals(2, requests.size());
        Request r = requests.get(0);
        assertEquals("/prefix/api/v2/alerts", r.path());
        assertEquals("tenant-a", r.tenant());
        assertEquals("application/json", r.contentType());
        assertTrue(r.body().startsWith("[{\"labels\":{\"alertname\":\"A\",\"i\":\"0\"},\"annotations\":{\"s\":\"x\"},"
                + "\"startsAt\":\"2026-11-21T21:10:00.000Z\",\"endsAt\":\"2026-11-21T21:14:00.000Z\","
                + "\"generatorURL\":\"http://g/explore?left=x\"}"), r.body());
        assertEquals(256, r.body().split("\"alertname\"").length - 1);
        assertEquals(300, counters.notificationsSent.get());
        assertEquals(0, counters.notificationsDropped.get());
    }

    @Test
    void perTenantOverrideWins() throws Exception {
        URI base = start();
        RulerOptions options = RulerOptions.defaults().withAlertmanagerUrls(List.of(URI.create("http://127.0.0.1:1")));
        Map<String, RulerTenantOptions> limits = Map.of("special", new RulerTenantOptions(0, 0, List.of(base), null));
        try (AlertmanagerNotifier n = new AlertmanagerNotifier(options.withRetries(1, Duration.ofMillis(1),
                Duration.ofMillis(1), 100), t -> limits.getOrDefault(t, RulerTenantOptions.DEFAULTS), new RulerCounters())) {
            n.send("special", List.of(alert(1)));
            assertTrue(n.awaitIdle(Duration.ofSeconds(10)));
        }
        assertEquals(1, requests.size());
        assertEquals("special", requests.get(0).tenant());
    }

    @Test
    void anOutageCostsBoundedMemoryAndIsCounted() throws Exception {
        URI base = start();
        status.set(500);
        RulerCounters counters = new RulerCounters();
        RulerOptions options = RulerOptions.defaults().withAlertmanagerUrls(List.of(base))
                .withRetries(3, Duration.ofMillis(5), Duration.ofMillis(20), 50);
        try (AlertmanagerNotifier n = new AlertmanagerNotifier(options, t -> RulerTenantOptions.DEFAULTS, counters)) {
            for (int round = 0; round < 40; round++) { // like an hour of one-minute re-sends of 10 alerts
                List<AlertNotification> batch = new ArrayList<>();
                for (int i = 0; i < 10; i++) {
                    batch.add(alert(i));
                }
                n.send("t", batch);
            }
            assertTrue(n.awaitIdle(Duration.ofSeconds(20)));
            assertEquals(400, counters.notificationsDropped.get(), "everything is dropped and counted");
            assertTrue(counters.notificationErrors.get() >= 3, "each batch was tried 3 times");
            assertTrue(requests.size() <= 3 * 40, "bounded queue: old items were dropped, not all re-posted");
            // Alertmanager comes back: new alerts get through
            status.set(200);
            n.send("t", List.of(alert(1)));
            assertTrue(n.awaitIdle(Duration.ofSeconds(10)));
            assertEquals(1, counters.notificationsSent.get());
        }
    }

    @Test
    void aDownAlertmanagerIsRetriedThenDropped() throws Exception {
        RulerCounters counters = new RulerCounters();
        RulerOptions options = RulerOptions.defaults().withAlertmanagerUrls(List.of(URI.create("http://127.0.0.1:1")))
                .withRetries(2, Duration.ofMillis(5), Duration.ofMillis(5), 10);
        try (AlertmanagerNotifier n = new AlertmanagerNotifier(options, t -> RulerTenantOptions.DEFAULTS, counters)) {
            n.send("t", List.of(alert(1), alert(2)));
            assertTrue(n.awaitIdle(Duration.ofSeconds(10)));
        }
        assertEquals(2, counters.notificationErrors.get());
        assertEquals(2, counters.notificationsDropped.get());
    }
}
