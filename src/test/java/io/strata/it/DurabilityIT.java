package io.strata.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acknowledged data survives {@code kill -9}: a child JVM takes concurrent pushes, is killed
 * mid-load, restarted on the same data directory, and every acknowledged entry must be readable
 * exactly once.
 */
class DurabilityIT {
    private static final int WORKERS = 8;
    private static final int BATCH = 50;
    private static final String TENANT = "durability";

    @TempDir
    Path dataDir;

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void acknowledgedEntriesSurviveKill9() throws Exception {
        Map<String, String> env = Map.of("STRATA_LIMITS_INGESTION_RATE_MB", "1024",
                "STRATA_LIMITS_INGESTION_BURST_SIZE_MB", "1024");
        long base = System.currentTimeMillis() * 1_000_000L - 60_000_000_000L;
        Map<Integer, Set<Long>> acked = new ConcurrentHashMap<>();
        try (StrataProcess server = new StrataProcess(dataDir, env)) {
            server.start();
            AtomicBoolean stop = new AtomicBoolean();
            ExecutorService pool = Executors.newFixedThreadPool(WORKERS);
            for (int w = 0; w < WORKERS; w++) {
                int worker = w;
                acked.put(worker, ConcurrentHashMap.newKeySet());
                pool.submit(() -> pushLoop(server, worker, base, stop, acked.get(worker)));
            }
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(4);
            while (System.nanoTime() < until) {
                Thread.sleep(50);
            }
            server.kill(); // pushes are still in flight
            stop.set(true);
            pool.shutdown();
            assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
        }
        long total = acked.values().stream().mapToLong(Set::size).sum();
        assertTrue(total > 1000, "load too small to prove anything: " + total);

        try (StrataProcess restarted = new StrataProcess(dataDir, env)) {
            restarted.start();
            for (int w = 0; w < WORKERS; w++) {
                List<Long> seen = readAll(restarted, w, base);
                Set<Long> unique = Set.copyOf(seen);
                assertEquals(unique.size(), seen.size(), "duplicates after restart for worker " + w);
                for (long seq : acked.get(w)) {
                    assertTrue(unique.contains(seq), "acknowledged entry " + seq + " of worker " + w + " lost");
                }
            }
        }
    }

    private void pushLoop(StrataProcess server, int worker, long base, AtomicBoolean stop, Set<Long> acked) {
        long seq = 0;
        while (!stop.get()) {
            StringBuilder body = new StringBuilder("{\"streams\":[{\"stream\":{\"test\":\"durability\",\"worker\":\"")
                    .append(worker).append("\"},\"values\":[");
            long first = seq;
            for (int i = 0; i < BATCH; i++, seq++) {
                if (i > 0) {
                    body.append(',');
                }
                body.append("[\"").append(base + seq * 1000 + worker).append("\",\"worker=")
                        .append(worker).append(" seq=").append(seq).append(" msg=\\\"some payload to make it realistic\\\"\"]");
            }
            body.append("]}]}");
            try {
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(server.uri("/loki/api/v1/push"))
                        .header("Content-Type", "application/json").header("X-Scope-OrgID", TENANT)
                        .timeout(Duration.ofSeconds(10))
                        .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 204) {
                    for (long s = first; s < seq; s++) {
                        acked.add(s);
                    }
                } else {
                    throw new IllegalStateException("push answered " + r.statusCode() + ": " + r.body());
                }
            } catch (java.io.IOException e) {
                return; // server killed
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private List<Long> readAll(StrataProcess server, int worker, long base) throws Exception {
        List<Long> seqs = new ArrayList<>();
        long start = base - 1;
        long end = System.currentTimeMillis() * 1_000_000L + 60_000_000_000L;
        String query = URLEncoder.encode("{test=\"durability\", worker=\"" + worker + "\"}", StandardCharsets.UTF_8);
        while (true) {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(server.uri("/loki/api/v1/query_range?query="
                    + query + "&direction=forward&limit=5000&start=" + start + "&end=" + end))
                    .header("X-Scope-OrgID", TENANT).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), r.body());
            JsonArray result = new JsonObject(r.body()).getJsonObject("data").getJsonArray("result");
            long last = -1;
            int n = 0;
            for (int i = 0; i < result.size(); i++) {
                JsonArray values = result.getJsonObject(i).getJsonArray("values");
                for (int j = 0; j < values.size(); j++) {
                    JsonArray v = values.getJsonArray(j);
                    long ts = Long.parseLong(v.getString(0));
                    seqs.add((ts - base - worker) / 1000);
                    last = Math.max(last, ts);
                    n++;
                }
            }
            if (n < 5000) {
                return seqs;
            }
            start = last + 1;
        }
    }
}
