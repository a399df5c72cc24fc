package io.strata.api;

import static io.restassured.RestAssured.given;
import static io.strata.api.PushApiTest.pushJson;
import static io.strata.api.PushApiTest.tenant;
import static io.strata.api.PushBodies.nowNanos;
import static io.strata.api.PushBodies.value;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;

/**
 * A client that closes its connection mid-query frees the server's resources: the worker's query
 * guard sees the closed connection and gives the query up (counted in
 * {@code strata_query_requests_cancelled_total}), long before the query would have finished, and
 * the server keeps answering.
 */
@QuarkusTest
class ClientDisconnectApiTest {
    private static final long MINUTE = 60_000_000_000L;

    @Test
    void closingTheSocketCancelsAHeavyMetricQuery() throws Exception {
        String t = tenant("disconnect");
        long now = nowNanos();
        long first = now - 55 * MINUTE;
        int total = 40_000;
        long gap = 55 * MINUTE / total;
        for (int batch = 0; batch < total / 5_000; batch++) {
            StringJoiner values = new StringJoiner(",");
            for (int i = batch * 5_000; i < (batch + 1) * 5_000; i++) {
                values.add(value(first + i * gap, "level=info duration=" + (i % 997) + "ms path=/api/" + (i % 13)));
            }
            pushJson(t, "{\"streams\":[{\"stream\":{\"app\":\"heavy\"},\"values\":[" + values + "]}]}")
                    .statusCode(204);
        }
        long before = cancelledCount();
        // 7 200 steps, each a quantile over a one-hour window of up to 40 000 values: many seconds of work
        String query = "quantile_over_time(0.99, {app=\"heavy\"} | logfmt | unwrap duration(duration) [1h]) by (path)";
        String target = "/loki/api/v1/query_range?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8)
                + "&start=" + (now - 60 * MINUTE) + "&end=" + now + "&step=0.5";
        long sent = System.nanoTime();
        try (Socket socket = new Socket("127.0.0.1", RestAssured.port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Scope-OrgID: " + t + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Thread.sleep(400);
            InputStream in = socket.getInputStream();
            assertEquals(0, in.available(), "the query answered before the client went away; it is not heavy enough");
        }
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (cancelledCount() == before && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(before + 1, cancelledCount(), "the query was not cancelled");
        long stoppedAfterMs = (System.nanoTime() - sent) / 1_000_000;
        System.out.println("disconnect test: cancelled " + stoppedAfterMs + " ms after the request was sent");
        // the server is healthy and answers the next request
        given().get("/ready").then().statusCode(200);
        given().header("X-Scope-OrgID", t).queryParam("query", "sum(count_over_time({app=\"heavy\"}[1h]))")
                .queryParam("time", Long.toString(now)).get("/loki/api/v1/query").then().statusCode(200)
                .body("data.result[0].value[1]", equalTo(Integer.toString(total)));
        assertTrue(stoppedAfterMs < 20_000, "cancelled after " + stoppedAfterMs + " ms");
    }

    private static long cancelledCount() throws IOException {
        String metrics = given().get("/metrics").then().statusCode(200).extract().asString();
        for (String line : metrics.split("\n")) {
            if (line.startsWith("strata_query_requests_cancelled_total ")) {
                return (long) Double.parseDouble(line.substring(line.indexOf(' ') + 1).trim());
            }
        }
        throw new AssertionError("no strata_query_requests_cancelled_total in /metrics");
    }
}
