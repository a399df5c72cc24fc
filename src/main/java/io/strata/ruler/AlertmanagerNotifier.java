package io.strata.ruler;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.strata.model.Labels;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Function;

/**
 * Posts alerts to Alertmanager's API v2 ({@code POST <base>/api/v2/alerts}, a JSON array of at most
 * 256 alerts, {@code X-Scope-OrgID: <tenant>}) for every configured Alertmanager, through a bounded
 * {@link DeliveryQueue}. Targets: the tenant's {@code alertmanagerUrls} override, else the
 * ruler-wide list; no target = nothing sent. Thread-safe.
 */
public final class AlertmanagerNotifier implements AlertSender, AutoCloseable {
    static final int MAX_BATCH = 256;
    private static final JsonFactory JSON = new JsonFactory();
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final RulerOptions options;
    private final Function<String, RulerTenantOptions> limits;
    private final HttpClient http;
    private final DeliveryQueue<AlertNotification> queue;

    public AlertmanagerNotifier(RulerOptions options, Function<String, RulerTenantOptions> limits,
            RulerCounters counters) {
        this.options = options;
        this.limits = limits;
        this.http = HttpClient.newBuilder().connectTimeout(options.httpTimeout()).build();
        this.queue = new DeliveryQueue<>("alertmanager-notifier", options.queueCapacity(), MAX_BATCH,
                options.maxAttempts(), options.initialBackoff(), options.maxBackoff(), this::post,
                counters.notificationsSent, counters.notificationErrors, counters.notificationsDropped);
    }

    @Override
    public void send(String tenant, List<AlertNotification> alerts) {
        List<URI> override = limits.apply(tenant).alertmanagerUrls();
        queue.offer(tenant, override.isEmpty() ? options.alertmanagerUrls() : override, alerts);
    }

    /** For tests: waits until everything queued so far was delivered or dropped. */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        return queue.awaitIdle(timeout);
    }

    private void post(String tenant, URI base, List<AlertNotification> alerts) throws DeliveryQueue.DeliveryException {
        HttpRequest request = HttpRequest.newBuilder(alertsUri(base))
                .timeout(options.httpTimeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "Strata-Ruler")
                .header("X-Scope-OrgID", tenant)
                .POST(HttpRequest.BodyPublishers.ofByteArray(encode(alerts)))
                .build();
        DeliveryQueue.send(http, request, "Alertmanager", false);
    }

    static URI alertsUri(URI base) {
        String s = base.toString();
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return URI.create(s + "/api/v2/alerts");
    }

    /** The API v2 body: {@code [{"labels":{},"annotations":{},"startsAt":..,"endsAt":..,"generatorURL":..}]}. */
    static byte[] encode(List<AlertNotification> alerts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 * alerts.size());
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartArray();
            for (AlertNotification a : alerts) {
                g.writeStartObject();
                writeLabels(g, "labels", a.labels());
                writeLabels(g, "annotations", a.annotations());
                if (a.startsAt() != 0) {
                    g.writeStringField("startsAt", TIME.format(Instant.ofEpochMilli(a.startsAt())));
                }
                if (a.endsAt() != 0) {
                    g.writeStringField("endsAt", TIME.format(Instant.ofEpochMilli(a.endsAt())));
                }
                g.writeStringField("generatorURL", a.generatorUrl());
                g.writeEndObject();
            }
            g.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void writeLabels(JsonGenerator g, String field, Labels labels) throws IOException {
        g.writeObjectFieldStart(field);
        for (int i = 0; i < labels.size(); i++) {
            g.writeStringField(labels.name(i), labels.value(i));
        }
        g.writeEndObject();
    }

    @Override
    public void close() {
        queue.close();
    }
}
