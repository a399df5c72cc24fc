package io.strata.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.ruler.ExternalServer;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ruler end to end through the packaged server: a rule group is POSTed through Grafana's
 * {@code /api/prom/rules/<ns>}, logs pushed for the tenant make its alert fire in a real
 * Alertmanager ({@code /api/v2/alerts}), the alert resolves there once the logs stop, and a recording
 * rule's series arrives in a real Prometheus through remote write.
 */
class RulerEndToEndIT {
    private static final String TENANT = "team-a";
    private static final String ALERT_EXPR = "sum by (app) (count_over_time({job=\"checkout\"} |= \"error\" [4s])) > 0";

    @TempDir
    Path work;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void alertFiresAndResolvesInAlertmanagerAndRecordingRuleReachesPrometheus() throws Exception {
        Files.createDirectories(work.resolve("am"));
        Files.createDirectories(work.resolve("prom"));
        try (ExternalServer am = ExternalServer.alertmanager(work.resolve("am"));
                ExternalServer prom = ExternalServer.prometheus(work.resolve("prom"));
                StrataProcess strata = new StrataProcess(work.resolve("data"), Map.of(
                        "STRATA_RULER_DIR", work.resolve("rules").toString(),
                        "STRATA_RULER_ALERTMANAGER_URL", am.base.toString(),
                        "STRATA_RULER_REMOTE_WRITE_URL", prom.base + "/api/v1/write",
                        "STRATA_RULER_EXTERNAL_URL", "http://grafana.local:3000",
                        "STRATA_RULER_EXTERNAL_LABELS", "cluster=it"))) {
            strata.start();
            String group = """
                    name: checkout-alerts
                    interval: 2s
                    rules:
                      - alert: CheckoutErrors
                        expr: '%s'
                        for: 0s
                        labels:
                          severity: critical
                        annotations:
                          summary: '{{ $labels.app }} logs errors'
                      - record: checkout:lines:count1m
                        expr: sum by (app) (count_over_time({job="checkout"}[1m]))
                    """.formatted(ALERT_EXPR);
            HttpResponse<String> posted = send(strata, HttpRequest.newBuilder(strata.uri("/api/prom/rules/shop"))
                    .header("X-Scope-OrgID", TENANT).header("Content-Type", "application/yaml")
                    .POST(HttpRequest.BodyPublishers.ofString(group)));
            assertEquals(202, posted.statusCode(), posted.body());

            ScheduledExecutorService pusher = Executors.newSingleThreadScheduledExecutor();
            try {
                pusher.scheduleAtFixedRate(() -> push(strata), 0, 500, TimeUnit.MILLISECONDS);
                String filter = "/api/v2/alerts?filter=" + URLEncoder.encode("alertname=\"CheckoutErrors\"",
                        StandardCharsets.UTF_8);
                String firing = await(am, filter, b -> b.contains("\"state\":\"active\""), strata);
                assertTrue(firing.contains("\"app\":\"payments\"") && firing.contains("\"severity\":\"critical\"")
                        && firing.contains("\"cluster\":\"it\"") && firing.contains("\"summary\":\"payments logs errors\"")
                        && firing.contains("http://grafana.local:3000/explore?left="), firing);

                String query = "/api/v1/query?query=" + URLEncoder.encode("checkout:lines:count1m", StandardCharsets.UTF_8);
                String series = await(prom, query, b -> b.contains("\"app\":\"payments\""), strata);
                assertTrue(series.contains("\"__name__\":\"checkout:lines:count1m\"") && series.contains("\"cluster\":\"it\""),
                        series);
            } finally {
                pusher.shutdownNow();
                pusher.awaitTermination(5, TimeUnit.SECONDS);
            }
            // the logs stop: once the 4s window has passed the alert resolves and Alertmanager drops it
            String filter = "/api/v2/alerts?filter=" + URLEncoder.encode("alertname=\"CheckoutErrors\"",
                    StandardCharsets.UTF_8);
            await(am, filter, b -> b.strip().equals("[]"), strata);

            HttpResponse<String> rules = send(strata, HttpRequest.newBuilder(strata.uri("/prometheus/api/v1/rules"))
                    .header("X-Scope-OrgID", TENANT).GET());
            assertTrue(rules.body().contains("\"name\":\"CheckoutErrors\"") && !rules.body().contains("\"health\":\"err\""),
                    rules.body());

            // a graceful stop saves alert state; the group posted through the API survives a restart
            strata.stop();
            assertTrue(Files.exists(work.resolve("data").resolve("ruler").resolve(TENANT + ".json")),
                    "no alert state saved; log:\n" + Files.readString(strata.log()));
            assertTrue(Files.exists(work.resolve("rules").resolve(TENANT).resolve("shop.yaml")));
            strata.start();
            HttpResponse<String> after = send(strata, HttpRequest.newBuilder(
                    strata.uri("/api/prom/rules/shop/checkout-alerts")).header("X-Scope-OrgID", TENANT).GET());
            assertEquals(200, after.statusCode(), after.body());
            assertTrue(after.body().contains("alert: CheckoutErrors"), after.body());
        }
    }

    private void push(StrataProcess strata) {
        try {
            Instant now = Instant.now();
            long ns = now.getEpochSecond() * 1_000_000_000L + now.getNano();
            String body = "{\"streams\":[{\"stream\":{\"job\":\"checkout\",\"app\":\"payments\"},\"values\":[[\""
                    + ns + "\",\"level=error msg=\\\"card declined\\\"\"]]}]}";
            send(strata, HttpRequest.newBuilder(strata.uri("/loki/api/v1/push")).header("X-Scope-OrgID", TENANT)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
        } catch (Exception e) {
            // the next tick pushes again; a lasting failure shows as a missing alert
        }
    }

    private HttpResponse<String> send(StrataProcess strata, HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String await(ExternalServer server, String path, Predicate<String> done, StrataProcess strata)
            throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        String body = "";
        while (System.nanoTime() < deadline) {
            body = server.get(path).body();
            if (done.test(body)) {
                return body;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("never reached the expected state; last answer: " + body + "\nstrata log:\n"
                + Files.readString(strata.log()) + "\nserver log:\n" + server.logText());
    }
}
