package io.strata.api;

import static io.restassured.RestAssured.given;
import static io.strata.api.PushBodies.json;
import static io.strata.api.PushBodies.nowNanos;
import static io.strata.api.PushBodies.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Lines covered by delete requests are neither replayed nor tailed live (Loki's tailer filters them). */
@QuarkusTest
@TestProfile(DeleteApiTest.Profile.class)
class TailDeletesTest {
    private static void push(String tenant, String body) {
        given().header("X-Scope-OrgID", tenant).contentType("application/json").body(body)
                .post("/loki/api/v1/push").then().statusCode(204);
    }

    @Test
    void deletedLinesAreNotTailed() throws Exception {
        String tenant = "taildel";
        long now = nowNanos();
        long t = now - Duration.ofMinutes(30).toNanos();
        push(tenant, json("{\"job\":\"td\"}", value(t, "user=a ok"), value(t + 1, "user=b password=x")));
        given().header("X-Scope-OrgID", tenant).queryParam("query", "{job=\"td\"} |= \"password\"")
                .queryParam("start", now / 1_000_000_000 - 3600).post("/loki/api/v1/delete").then().statusCode(204);

        TailApiTest.Client c = TailApiTest.open(tenant, "/loki/api/v1/tail", "{job=\"td\"}");
        String history = c.next();
        assertNotNull(history);
        assertTrue(history.contains("user=a ok") && !history.contains("password"), history);

        // live: a late line inside the deleted range is filtered, other lines are tailed
        push(tenant, json("{\"job\":\"td\"}", value(t + 2, "user=c password=y"), value(t + 3, "user=d ok")));
        long live = nowNanos();
        push(tenant, json("{\"job\":\"td\"}", value(live, "password=z after the request")));
        StringBuilder frames = new StringBuilder();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!frames.toString().contains("password=z") && System.nanoTime() < deadline) {
            String f = c.frames.poll(200, TimeUnit.MILLISECONDS);
            if (f != null) {
                frames.append(f).append('\n');
            }
        }
        assertTrue(frames.toString().contains("user=d ok"), frames.toString());
        assertTrue(frames.toString().contains("password=z after the request"), "outside the request's range: " + frames);
        assertFalse(frames.toString().contains("password=y"), frames.toString());
        assertEquals(2, frames.toString().split("\\{\"stream\"").length - 1, frames.toString());
        c.socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
    }
}
