package io.strata.ruler;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.xerial.snappy.Snappy;

/**
 * Sends recording-rule series to a Prometheus remote-write endpoint: protobuf
 * ({@link RemoteWriteEncoder}) in a snappy block, headers {@code Content-Encoding: snappy},
 * {@code Content-Type: application/x-protobuf}, {@code X-Prometheus-Remote-Write-Version: 0.1.0},
 * {@code X-Scope-OrgID: <tenant>}; batches of up to 2000 samples through a bounded
 * {@link DeliveryQueue} (5xx/429 retried, other 4xx dropped). Target: the tenant's override, else
 * the ruler-wide URL; none = nothing sent. Thread-safe.
 */
public final class RemoteWriteClient implements SampleWriter, AutoCloseable {
    static final int MAX_BATCH = 2000;

    private final RulerOptions options;
    private final Function<String, RulerTenantOptions> limits;
    private final HttpClient http;
    private final DeliveryQueue<RecordedSample> queue;

    public RemoteWriteClient(RulerOptions options, Function<String, RulerTenantOptions> limits,
            RulerCounters counters) {
        this.options = options;
        this.limits = limits;
        this.http = HttpClient.newBuilder().connectTimeout(options.httpTimeout()).build();
        this.queue = new DeliveryQueue<>("remote-write", options.queueCapacity(), MAX_BATCH, options.maxAttempts(),
                options.initialBackoff(), options.maxBackoff(), this::post, counters.samplesSent,
                counters.sampleErrors, counters.samplesDropped);
    }

    @Override
    public void write(String tenant, List<RecordedSample> samples) {
        URI override = limits.apply(tenant).remoteWriteUrl();
        URI target = override != null ? override : options.remoteWriteUrl();
        if (target != null) {
            queue.offer(tenant, List.of(target), samples);
        }
    }

    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        return queue.awaitIdle(timeout);
    }

    private void post(String tenant, URI target, List<RecordedSample> samples)
            throws DeliveryQueue.DeliveryException {
        byte[] body;
        try {
            body = Snappy.compress(RemoteWriteEncoder.encode(samples));
        } catch (IOException e) {
            throw new DeliveryQueue.DeliveryException("snappy: " + e, false);
        }
        HttpRequest request = HttpRequest.newBuilder(target)
                .timeout(options.httpTimeout())
                .header("Content-Encoding", "snappy")
                .header("Content-Type", "application/x-protobuf")
                .header("X-Prometheus-Remote-Write-Version", "0.1.0")
                .header("User-Agent", "Strata-Ruler")
                .header("X-Scope-OrgID", tenant)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        DeliveryQueue.send(http, request, "remote write", true);
    }

    @Override
    public void close() {
        queue.close();
    }
}
