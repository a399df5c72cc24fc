package io.strata.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Live tail and detected fields against the packaged server, as Grafana's data proxy would call them. */
class TailIT {
    @TempDir
    Path dataDir;

    @Test
    void pushedLinesReachAnOpenTailAndDetectedFields() throws Exception {
        try (StrataProcess server = new StrataProcess(dataDir, Map.of())) {
            server.start();
            HttpClient http = HttpClient.newHttpClient();
            LinkedBlockingQueue<String> frames = new LinkedBlockingQueue<>();
            WebSocket ws = http.newWebSocketBuilder().header("X-Scope-OrgID", "it")
                    .buildAsync(URI.create("ws://127.0.0.1:" + server.port() + "/loki/api/v1/tail?query="
                            + URLEncoder.encode("{job=\"it\"}", StandardCharsets.UTF_8)), new WebSocket.Listener() {
                                @Override
                                public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                                    frames.add(data.toString());
                                    w.request(1);
                                    return null;
                                }
                            }).get(10, TimeUnit.SECONDS);
            long now = System.currentTimeMillis() * 1_000_000L;
            HttpResponse<String> push = http.send(HttpRequest.newBuilder(server.uri("/loki/api/v1/push"))
                    .header("X-Scope-OrgID", "it").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"streams\":[{\"stream\":{\"job\":\"it\"},\"values\":"
                            + "[[\"" + now + "\",\"status=200 took=5ms\"]]}]}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(204, push.statusCode());
            String frame = frames.poll(10, TimeUnit.SECONDS);
            assertNotNull(frame, "tail frame not received");
            assertTrue(frame.contains("status=200 took=5ms"), frame);
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "").get(5, TimeUnit.SECONDS);

            HttpResponse<String> fields = http.send(HttpRequest.newBuilder(server.uri("/loki/api/v1/detected_fields?query="
                    + URLEncoder.encode("{job=\"it\"}", StandardCharsets.UTF_8))).header("X-Scope-OrgID", "it").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, fields.statusCode());
            assertTrue(fields.body().contains("{\"label\":\"took\",\"type\":\"duration\",\"cardinality\":1,"
                    + "\"parsers\":[\"logfmt\"]}"), fields.body());
        }
    }
}
