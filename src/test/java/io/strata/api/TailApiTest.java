package io.strata.api;

import static io.restassured.RestAssured.given;
import static io.strata.api.PushApiTest.pushJson;
import static io.strata.api.PushApiTest.tenant;
import static io.strata.api.PushBodies.json;
import static io.strata.api.PushBodies.nowNanos;
import static io.strata.api.PushBodies.value;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Live tail over a real WebSocket (java.net.http) against the running application. */
@QuarkusTest
class TailApiTest {
    /** Collects text frames, pings and the close of one tail. */
    static final class Client implements WebSocket.Listener {
        final LinkedBlockingQueue<String> frames = new LinkedBlockingQueue<>();
        final CompletableFuture<String> closed = new CompletableFuture<>();
        volatile int pings;
        private final StringBuilder partial = new StringBuilder();
        WebSocket socket;

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                frames.add(partial.toString());
                partial.setLength(0);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPing(WebSocket ws, ByteBuffer message) {
            pings++;
            ws.request(1);
            return WebSocket.Listener.super.onPing(ws, message);
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            closed.complete(statusCode + " " + reason);
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            closed.complete("error " + error);
        }

        String next() throws InterruptedException {
            return frames.poll(5, TimeUnit.SECONDS);
        }
    }

    static Client open(String tenant, String path, String query, String... headers) throws Exception {
        Client c = new Client();
        String uri = "ws://127.0.0.1:" + RestAssured.port + path + "?query="
                + URLEncoder.encode(query, StandardCharsets.UTF_8);
        WebSocket.Builder b = HttpClient.newHttpClient().newWebSocketBuilder().header("X-Scope-OrgID", tenant);
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        c.socket = b.buildAsync(URI.create(uri), c).get(5, TimeUnit.SECONDS);
        return c;
    }

    @Test
    void historyThenLiveEntriesThroughThePipeline() throws Exception {
        String t = tenant("tail");
        long now = nowNanos();
        pushJson(t, json("{\"job\":\"tail\"}", value(now - 3_000_000, "old one"), value(now - 2_000_000, "old two"),
                value(now - 1_000_000, "skip me"))).statusCode(204);
        Client c = open(t, "/loki/api/v1/tail", "{job=\"tail\"} |= \"o\"");
        String history = c.next();
        assertNotNull(history);
        assertEquals("{\"streams\":[{\"stream\":{\"detected_level\":\"unknown\",\"job\":\"tail\",\"service_name\":\"tail\"},\"values\":[[\""
                + (now - 3_000_000) + "\",\"old one\"]]},{\"stream\":{\"detected_level\":\"unknown\",\"job\":\"tail\",\"service_name\":\"tail\"},"
                + "\"values\":[[\"" + (now - 2_000_000) + "\",\"old two\"]]}]}", history);
        long live = nowNanos();
        pushJson(t, json("{\"job\":\"tail\"}", value(live, "skip this"), value(live + 1, "live one"))).statusCode(204);
        pushJson(t, json("{\"job\":\"other\"}", value(live, "other one"))).statusCode(204);
        String frame = c.next();
        assertNotNull(frame, "live entry not delivered");
        assertTrue(frame.contains("\"live one\"") && !frame.contains("skip this") && !frame.contains("other one"),
                frame);
        Thread.sleep(1500);
        assertTrue(c.pings >= 1, "no ping within 1.5 s");
        c.socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
    }

    @Test
    void historyHonoursLimitAndCategorizeLabels() throws Exception {
        String t = tenant("tail-cat");
        long now = nowNanos();
        pushJson(t, "{\"streams\":[{\"stream\":{\"job\":\"c\"},\"values\":[[\"" + (now - 2_000_000)
                + "\",\"level=info a=1\",{\"trace\":\"x\"}],[\"" + (now - 1_000_000) + "\",\"level=warn a=2\"]]}]}")
                .statusCode(204);
        Client c = new Client();
        c.socket = HttpClient.newHttpClient().newWebSocketBuilder().header("X-Scope-OrgID", t)
                .header("X-Loki-Response-Encoding-Flags", "categorize-labels")
                .buildAsync(URI.create("ws://127.0.0.1:" + RestAssured.port + "/loki/api/v1/tail?limit=1&query="
                        + URLEncoder.encode("{job=\"c\"} | logfmt", StandardCharsets.UTF_8)), c)
                .get(5, TimeUnit.SECONDS);
        String history = c.next();
        assertNotNull(history);
        assertTrue(history.contains("level=warn") && !history.contains("level=info"), history);
        assertTrue(history.contains("\"parsed\":{\"a\":\"2\",\"level\":\"warn\"}"), history);
        assertTrue(history.endsWith(",\"encodingFlags\":[\"categorize-labels\"]}"), history);
        assertTrue(history.contains("\"stream\":{\"job\":\"c\",\"service_name\":\"c\"}"), history);
        c.socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(5, TimeUnit.SECONDS);
    }

    @Test
    void legacyFrames() throws Exception {
        String t = tenant("tail-legacy");
        pushJson(t, json("{\"job\":\"l\"}", value(1_700_000_000_123_000_000L + (nowNanos() / 1_000_000_000L
                - 1_700_000_000L) * 1_000_000_000L, "legacy"))).statusCode(204);
        Client c = open(t, "/api/prom/tail", "{job=\"l\"}");
        String frame = c.next();
        assertNotNull(frame);
        assertTrue(frame.matches("\\{\"streams\":\\[\\{\"labels\":\"\\{detected_level=\\\\\"unknown\\\\\", job=\\\\\"l\\\\\", service_name=\\\\\"l\\\\\"\\}\","
                + "\"entries\":\\[\\{\"ts\":\"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.123Z\",\"line\":\"legacy\"}]}],"
                + "\"dropped_entries\":null}"), frame);
        c.socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(5, TimeUnit.SECONDS);
    }

    @Test
    void metricQueryIsClosedWith1011() throws Exception {
        Client c = open(tenant("tail-metric"), "/loki/api/v1/tail", "count_over_time({job=\"x\"}[1m])");
        assertEquals("1011 only log selector is supported", c.closed.get(5, TimeUnit.SECONDS));
    }

    @Test
    void tooManyTailsAreClosedWith1011() throws Exception {
        String t = tenant("tail-limit");
        List<Client> open = new ArrayList<>();
        for (int i = 0; i < TailRoutes.MAX_CONCURRENT_TAIL_REQUESTS; i++) {
            open.add(open(t, "/loki/api/v1/tail", "{job=\"x\"}"));
        }
        Thread.sleep(300);
        Client extra = open(t, "/loki/api/v1/tail", "{job=\"x\"}");
        assertEquals("1011 max concurrent tail requests limit exceeded, count > limit (11 > 10)",
                extra.closed.get(5, TimeUnit.SECONDS));
        for (Client c : open) {
            c.socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void badParametersAreHttp400BeforeTheUpgrade() {
        given().header("X-Scope-OrgID", "t").queryParam("query", "{job=\"x\"}").queryParam("delay_for", "6")
                .get("/loki/api/v1/tail").then().statusCode(400).body(equalTo("delay_for can't be greater than 5\n"));
        given().header("X-Scope-OrgID", "t").queryParam("query", "{job=\"x\"").get("/loki/api/v1/tail").then()
                .statusCode(400).body(equalTo("parse error at line 1, col 9: syntax error: unexpected $end, expecting } or ,\n"));
        given().queryParam("query", "{job=\"x\"}").get("/loki/api/v1/tail").then().statusCode(401)
                .body(equalTo("no org id\n"));
        given().header("X-Scope-OrgID", "t").queryParam("query", "{job=\"x\"}").queryParam("limit", "0")
                .get("/loki/api/v1/tail").then().statusCode(400).body(equalTo("limit must be a positive value\n"));
        given().header("X-Scope-OrgID", "t").queryParam("query", "{job=\"x\"}").get("/loki/api/v1/tail").then()
                .statusCode(400).header("Sec-Websocket-Version", "13").body(equalTo("Bad Request\n"));
        given().header("X-Scope-OrgID", "a|b").queryParam("query", "{job=\"x\"}").get("/loki/api/v1/tail").then()
                .statusCode(400).body(equalTo("multiple org IDs present\n"));
    }
}
