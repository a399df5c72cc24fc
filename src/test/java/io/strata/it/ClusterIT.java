package io.strata.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.storage.S3ProxyServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
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
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Simple scalable mode on loopback (README "Scale-out"): s3proxy, two writers, one reader, one
 * backend, all packaged jars over one bucket. Pushes go through both writers (a stream each, one
 * shared, and replicas of the same entries through both); the reader sees every acknowledged entry
 * once, before anything is flushed, and a tail on the reader gets a line pushed to a writer. A
 * writer killed with SIGKILL mid-load leaves the reader answering 200 within seconds; restarted,
 * it serves its WAL again. After SIGTERM of every writer the reader serves everything from S3 alone.
 */
class ClusterIT {
    @RegisterExtension
    static final S3ProxyServer S3 = new S3ProxyServer();

    private static final String TENANT = "cluster";
    private static final int BATCH = 40;
    private static final long BASE = System.currentTimeMillis() * 1_000_000L - 600_000_000_000L;

    @TempDir
    Path dir;

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    /** Acknowledged lines per stream selector value {@code app}. */
    private final Map<String, Set<String>> acked = new ConcurrentHashMap<>();

    @Test
    void writersReaderAndBackendShareOneBucket() throws Exception {
        Map<String, String> common = new HashMap<>(Map.of(
                "STRATA_STORAGE_TYPE", "s3",
                "STRATA_S3_ENDPOINT", S3.endpoint().toString(),
                "STRATA_S3_BUCKET", S3.createBucket(),
                "AWS_ACCESS_KEY_ID", S3ProxyServer.ACCESS_KEY,
                "AWS_SECRET_ACCESS_KEY", S3ProxyServer.SECRET_KEY,
                "AWS_REGION", S3ProxyServer.REGION,
                "STRATA_INDEX_SYNC_PERIOD", "1s",
                "STRATA_LIMITS_INGESTION_RATE_MB", "1024",
                "STRATA_LIMITS_INGESTION_BURST_SIZE_MB", "1024"));
        try (StrataProcess w1 = process("w1", common, "write", "writer-1");
                StrataProcess w2 = process("w2", common, "write", "writer-2");
                StrataProcess reader = process("reader", common, "read", "reader-1");
                StrataProcess backend = process("backend", common, "backend", "backend-1")) {
            String writers = "127.0.0.1:" + w1.port() + ",127.0.0.1:" + w2.port();
            reader.putEnv("STRATA_WRITERS", writers);
            backend.putEnv("STRATA_WRITERS", writers);
            try {
                w1.start();
                w2.start();
                reader.start();
                backend.start();

                rolesServeOnlyTheirRoutes(w1, reader, backend);

                // 1. pushes through both writers, read through the reader before any flush
                for (int i = 0; i < 5; i++) {
                    assertEquals(204, push(w1, "w1", i));
                    assertEquals(204, push(w2, "w2", i));
                    assertEquals(204, push(w1, "shared", i, "from-w1"));
                    assertEquals(204, push(w2, "shared", i, "from-w2"));
                    assertEquals(204, push(w1, "replicated", i, "r"));
                    assertEquals(204, push(w2, "replicated", i, "r")); // the same entries: read once
                }
                assertEverythingReadable(reader, "unflushed data through the writers");
                // index/stats on the reader: the writers' chunk summaries (no lines), each entry once
                assertIndexEntries(reader, "w1", 5 * BATCH, "unflushed");
                tailOnTheReaderSeesAPushToAWriter(reader, w2);

                // 2. kill -9 one writer in the middle of a load on both
                AtomicBoolean stop = new AtomicBoolean();
                ExecutorService pool = Executors.newFixedThreadPool(2);
                pool.submit(() -> pushLoop(w1, "w1", 1000, stop));
                pool.submit(() -> pushLoop(w2, "w2", 1000, stop));
                long loadDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (acked.get("w1").size() < 10 * BATCH && System.nanoTime() < loadDeadline) {
                    Thread.sleep(50); // at least 5 batches of load acknowledged, then kill in the middle of more
                }
                w1.kill();
                long downSince = System.nanoTime();
                while (System.nanoTime() - downSince < TimeUnit.SECONDS.toNanos(3)) {
                    long start = System.nanoTime();
                    HttpResponse<String> r = query(reader, "{app=~\"w.*|shared|replicated\"}", BASE - 1, 100);
                    long millis = (System.nanoTime() - start) / 1_000_000;
                    assertEquals(200, r.statusCode(), r.body());
                    assertTrue(millis < 5_000, "a query took " + millis + " ms while a writer is down");
                    Thread.sleep(200);
                }
                stop.set(true);
                pool.shutdown();
                assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
                assertTrue(acked.get("w1").size() >= 10 * BATCH, "too little load on w1 to prove anything: "
                        + acked.get("w1").size());
                Set<String> w2Lines = readAll(reader, "w2");
                assertTrue(w2Lines.containsAll(acked.get("w2")), "the live writer's data while the other is down");

                // 3. restarted on its WAL: every acknowledged entry is readable again
                w1.start();
                assertEverythingReadable(reader, "after the killed writer restarted");

                // 4. graceful stop of every writer: the reader serves it all from S3
                w1.stop();
                w2.stop();
                assertTrue(w1.log() != null && Files.readString(w1.log()).contains("flushed every head chunk"),
                        "writer 1 flushed on SIGTERM");
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (true) {
                    try {
                        assertEverythingReadable(reader, "from S3 alone");
                        break;
                    } catch (AssertionError e) {
                        if (System.nanoTime() > deadline) {
                            throw e;
                        }
                        Thread.sleep(500);
                    }
                }
                assertIndexEntries(reader, "w2", acked.get("w2").size(), "from the store's index");
                assertEquals(404, query(backend, "{app=\"w1\"}", BASE - 1, 10).statusCode(), "backend serves no queries");
            } catch (Throwable t) {
                for (StrataProcess p : List.of(w1, w2, reader, backend)) {
                    System.err.println("---- " + p.log() + "\n" + tail(p.log()));
                }
                throw t;
            }
        }
    }

    private StrataProcess process(String name, Map<String, String> common, String target, String id)
            throws IOException {
        Map<String, String> env = new HashMap<>(common);
        env.put("STRATA_TARGET", target);
        env.put("STRATA_INSTANCE_ID", id);
        Path data = dir.resolve(name);
        Files.createDirectories(data);
        env.put("STRATA_RULER_DIR", data.resolve("rules").toString());
        return new StrataProcess(data, env);
    }

    private void rolesServeOnlyTheirRoutes(StrataProcess writer, StrataProcess reader, StrataProcess backend)
            throws Exception {
        for (StrataProcess p : List.of(writer, reader, backend)) {
            assertEquals(200, get(p, "/ready").statusCode());
            assertEquals(200, get(p, "/metrics").statusCode());
            assertEquals(200, get(p, "/loki/api/v1/status/buildinfo").statusCode());
        }
        HttpResponse<String> q = query(writer, "{app=\"w1\"}", BASE - 1, 10);
        assertEquals(404, q.statusCode());
        assertEquals("404 page not found\n", q.body());
        for (String path : List.of("/loki/api/v1/labels", "/loki/api/v1/index/stats?query=%7Ba%3D%22b%22%7D",
                "/loki/api/v1/detected_fields?query=%7Ba%3D%22b%22%7D", "/api/prom/label", "/prometheus/api/v1/rules")) {
            assertEquals(404, get(writer, path).statusCode(), "writer " + path);
        }
        assertEquals(404, get(reader, "/flush").statusCode());
        assertEquals(404, get(backend, "/loki/api/v1/labels").statusCode());
        assertEquals(404, get(backend, "/strata/internal/v1/streams?tenant=t&start=0&end=1").statusCode());
        assertEquals(200, get(writer, "/strata/internal/v1/streams?tenant=t&start=0&end=1").statusCode());
        assertEquals(404, push(reader, "w1", 999));
        assertEquals(404, push(backend, "w1", 999));
        assertEquals(404, get(reader, "/strata/internal/v1/streams?tenant=t&start=0&end=1").statusCode());
        assertEquals(404, get(reader, "/prometheus/api/v1/rules").statusCode());
        assertEquals(200, get(backend, "/prometheus/api/v1/rules").statusCode());
        assertEquals(200, get(reader, "/loki/api/v1/labels").statusCode());
        assertTrue(get(reader, "/metrics").body().contains("loki_build_info"));
    }

    /** A WebSocket tail on the reader (which takes no pushes) gets a line pushed to a writer within seconds. */
    private void tailOnTheReaderSeesAPushToAWriter(StrataProcess reader, StrataProcess writer) throws Exception {
        LinkedBlockingQueue<String> frames = new LinkedBlockingQueue<>();
        StringBuilder partial = new StringBuilder();
        WebSocket ws = client.newWebSocketBuilder().header("X-Scope-OrgID", TENANT)
                .buildAsync(URI.create("ws://127.0.0.1:" + reader.port() + "/loki/api/v1/tail?query="
                        + URLEncoder.encode("{app=\"tailed\"}", StandardCharsets.UTF_8)), new WebSocket.Listener() {
                            @Override
                            public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                                partial.append(data);
                                if (last) {
                                    frames.add(partial.toString());
                                    partial.setLength(0);
                                }
                                w.request(1);
                                return null;
                            }
                        }).get(10, TimeUnit.SECONDS);
        try {
            long ts = System.currentTimeMillis() * 1_000_000L;
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(writer.uri("/loki/api/v1/push"))
                    .header("Content-Type", "application/json").header("X-Scope-OrgID", TENANT)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"streams\":[{\"stream\":{\"app\":\"tailed\"},"
                            + "\"values\":[[\"" + ts + "\",\"tail me\"]]}]}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(204, r.statusCode(), r.body());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(8);
            String got = "";
            while (!got.contains("tail me") && System.nanoTime() < deadline) {
                String f = frames.poll(200, TimeUnit.MILLISECONDS);
                got += f == null ? "" : f;
            }
            assertTrue(got.contains("\"" + ts + "\",\"tail me\""), "tail on the reader got: " + got);
        } finally {
            ws.abort();
        }
    }

    private int push(StrataProcess p, String app, int batch) {
        return push(p, app, batch, app);
    }

    /** Pushes batch {@code batch} of stream {app=...}: lines {@code <tag> <batch>-<i>}, acknowledged on 204. */
    private int push(StrataProcess p, String app, int batch, String tag) {
        StringBuilder body = new StringBuilder("{\"streams\":[{\"stream\":{\"app\":\"").append(app)
                .append("\"},\"values\":[");
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < BATCH; i++) {
            String line = tag + " " + batch + "-" + i;
            long ts = BASE + (batch * (long) BATCH + i) * 1_000_000L + tag.hashCode() % 1000 + 1000;
            body.append(i == 0 ? "" : ",").append("[\"").append(ts).append("\",\"").append(line).append("\"]");
            lines.add(line);
        }
        body.append("]}]}");
        try {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(p.uri("/loki/api/v1/push"))
                    .header("Content-Type", "application/json").header("X-Scope-OrgID", TENANT)
                    .timeout(Duration.ofSeconds(10))
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 204) {
                acked.computeIfAbsent(app, a -> ConcurrentHashMap.newKeySet()).addAll(lines);
            }
            return r.statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private void pushLoop(StrataProcess p, String app, int firstBatch, AtomicBoolean stop) {
        for (int b = firstBatch; !stop.get(); b++) {
            int status = push(p, app, b);
            if (status == -1) {
                return; // killed
            }
            if (status != 204) {
                throw new IllegalStateException("push answered " + status);
            }
        }
    }

    /**
     * Every acknowledged line is read exactly once. A batch in flight when a writer was killed may
     * be in its WAL without having been acknowledged: such extra lines are allowed, not required.
     */
    private void assertEverythingReadable(StrataProcess reader, String when) throws Exception {
        for (String app : List.of("w1", "w2", "shared", "replicated")) {
            Set<String> expected = acked.get(app);
            List<String> seen = readAllLines(reader, app);
            Set<String> unique = Set.copyOf(seen);
            assertEquals(unique.size(), seen.size(), when + ": duplicates in {app=\"" + app + "\"}");
            List<String> missing = expected.stream().filter(l -> !unique.contains(l)).sorted().toList();
            assertEquals(List.of(), missing.subList(0, Math.min(20, missing.size())),
                    when + ": {app=\"" + app + "\"} misses " + missing.size() + " of " + expected.size()
                            + " acknowledged lines");
        }
    }

    private void assertIndexEntries(StrataProcess reader, String app, long entries, String when) throws Exception {
        long end = System.currentTimeMillis() * 1_000_000L + 60_000_000_000L;
        HttpResponse<String> r = get(reader, "/loki/api/v1/index/stats?query="
                + URLEncoder.encode("{app=\"" + app + "\"}", StandardCharsets.UTF_8) + "&start=" + (BASE - 1) + "&end=" + end);
        assertEquals(200, r.statusCode(), r.body());
        JsonObject stats = new JsonObject(r.body());
        assertEquals(1, stats.getLong("streams"), when + ": " + r.body());
        assertEquals(entries, stats.getLong("entries"), when + ": " + r.body());
    }

    private Set<String> readAll(StrataProcess reader, String app) throws Exception {
        List<String> seen = readAllLines(reader, app);
        assertEquals(Set.copyOf(seen).size(), seen.size(), "duplicates in {app=\"" + app + "\"}");
        return Set.copyOf(seen);
    }

    private List<String> readAllLines(StrataProcess reader, String app) throws Exception {
        List<String> lines = new ArrayList<>();
        long start = BASE - 1;
        while (true) {
            HttpResponse<String> r = query(reader, "{app=\"" + app + "\"}", start, 5000);
            assertEquals(200, r.statusCode(), r.body());
            JsonArray result = new JsonObject(r.body()).getJsonObject("data").getJsonArray("result");
            long last = -1;
            int n = 0;
            for (int i = 0; i < result.size(); i++) {
                JsonArray values = result.getJsonObject(i).getJsonArray("values");
                for (int j = 0; j < values.size(); j++) {
                    JsonArray v = values.getJsonArray(j);
                    lines.add(v.getString(1));
                    last = Math.max(last, Long.parseLong(v.getString(0)));
                    n++;
                }
            }
            if (n < 5000) {
                return lines;
            }
            start = last + 1;
        }
    }

    private HttpResponse<String> query(StrataProcess p, String logql, long start, int limit) throws Exception {
        long end = System.currentTimeMillis() * 1_000_000L + 60_000_000_000L;
        return client.send(HttpRequest.newBuilder(p.uri("/loki/api/v1/query_range?query="
                        + URLEncoder.encode(logql, StandardCharsets.UTF_8) + "&direction=forward&limit=" + limit
                        + "&start=" + start + "&end=" + end))
                .header("X-Scope-OrgID", TENANT).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(StrataProcess p, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(p.uri(path)).header("X-Scope-OrgID", TENANT)
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return e.toString();
        }
    }
}
