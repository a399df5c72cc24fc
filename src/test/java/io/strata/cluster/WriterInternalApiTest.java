package io.strata.cluster;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.strata.model.Direction;
import io.strata.model.EntryIterator;
import io.strata.model.Labels;
import io.strata.model.MatchType;
import io.strata.model.Matcher;
import io.strata.storage.ScanHints;
import io.strata.storage.StreamInfo;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The real internal routes of a {@code target=all} process, read by the real {@link WriterClient}. */
@QuarkusTest
class WriterInternalApiTest {
    private final List<String> failures = new CopyOnWriteArrayList<>();

    private WriterClient client(HttpClient http) {
        return new WriterClient("127.0.0.1:" + RestAssured.port, http, Duration.ofSeconds(10),
                (w, e) -> failures.add(e.getMessage()));
    }

    /** Entries i of {@code [0, n)} go to pod p(i % 2), line {@code request i status=...}. */
    private static void push(String tenant, long t0, int n) {
        StringBuilder body = new StringBuilder("{\"streams\":[");
        for (int pod = 0; pod < 2; pod++) {
            body.append(pod == 0 ? "" : ",").append("{\"stream\":{\"app\":\"api\",\"pod\":\"p").append(pod)
                    .append("\"},\"values\":[");
            for (int i = pod; i < n; i += 2) {
                body.append(i < 2 ? "" : ",").append("[\"").append(t0 + i).append("\",\"request ").append(i)
                        .append(" status=").append(i % 5 == 0 ? 500 : 200).append("\",{\"trace_id\":\"t")
                        .append(i % 10).append("\"}]");
            }
            body.append("]}");
        }
        body.append("]}");
        given().header("X-Scope-OrgID", tenant).contentType("application/json").body(body.toString())
                .post("/loki/api/v1/push").then().statusCode(204);
    }

    @Test
    void streamsAndEntriesOfTheHeadComeBackOverHttp() {
        String tenant = "internal-" + UUID.randomUUID().toString().substring(0, 8);
        long t0 = System.currentTimeMillis() * 1_000_000L;
        push(tenant, t0, 500);
        try (HttpClient http = WriterClient.httpClient(Duration.ofSeconds(1))) {
            WriterClient c = client(http);
            List<StreamInfo> streams = c.streams(tenant, List.of(Matcher.of(MatchType.EQUAL, "app", "api")),
                    t0, t0 + 1_000);
            assertEquals(2, streams.size());
            List<StreamInfo> p1 = c.streams(tenant, List.of(Matcher.of(MatchType.REGEX, "pod", "p1")), t0, t0 + 1_000);
            assertEquals(1, p1.size());
            Labels labels = p1.get(0).labels();
            assertEquals("p1", labels.get("pod"));
            assertEquals("api", labels.get("service_name"), "the stored labels, with Loki's service_name");

            List<String> lines = lines(c.entries(tenant, p1.get(0), t0, t0 + 1_000, Direction.FORWARD, ScanHints.NONE));
            assertEquals(250, lines.size());
            assertEquals("1 request 1 status=200 {detected_level=\"unknown\", trace_id=\"t1\"}", lines.get(0));
            assertEquals("499 request 499 status=200 {detected_level=\"unknown\", trace_id=\"t9\"}", lines.get(249));

            List<String> backward = lines(c.entries(tenant, p1.get(0), t0, t0 + 1_000, Direction.BACKWARD,
                    new ScanHints(List.of("status=500"))));
            assertTrue(backward.size() >= 50, "hints never drop matching lines: " + backward.size());
            assertEquals("499 request 499 status=200 {detected_level=\"unknown\", trace_id=\"t9\"}", backward.get(0));

            // the head's chunk summary travels without lines: 250 entries, one unflushed chunk; after
            // the listing above from a batch of all listed streams, without one from a request for it
            List<io.strata.storage.ChunkSummary> summaries = c.chunkSummaries(tenant, p1.get(0), t0, t0 + 1_000);
            assertEquals(summaries, client(http).chunkSummaries(tenant, p1.get(0), t0, t0 + 1_000));
            assertEquals(1, summaries.size());
            assertEquals(250, summaries.get(0).entries());
            assertEquals(false, summaries.get(0).flushed());
            assertEquals(t0 + 1, summaries.get(0).fromNanos());
            assertEquals(List.of(), c.chunkSummaries("another-" + tenant, p1.get(0), t0, t0 + 1_000));

            assertEquals(List.of(), c.streams("another-" + tenant, List.of(), t0, t0 + 1_000));
            assertEquals(List.of(), c.streams(tenant, List.of(), t0 + 1_000, t0 + 2_000), "outside the range");
            assertEquals(List.of(), failures);
        }
    }

    @Test
    void theTenantIsValidatedAndParametersAreChecked() {
        given().queryParam("tenant", "a/b").queryParam("start", 0).queryParam("end", 1)
                .get("/strata/internal/v1/streams").then().statusCode(400)
                .body(org.hamcrest.Matchers.equalTo("tenant ID 'a/b' contains unsupported character '/'\n"));
        given().queryParam("tenant", "t").queryParam("start", "yesterday").queryParam("end", 1)
                .get("/strata/internal/v1/streams").then().statusCode(400);
        given().queryParam("tenant", "t").queryParam("start", 0).queryParam("end", 1)
                .get("/strata/internal/v1/entries").then().statusCode(400)
                .body(org.hamcrest.Matchers.equalTo("missing parameter labels\n"));
        given().queryParam("tenant", "t").queryParam("selector", "{app=").queryParam("start", 0).queryParam("end", 1)
                .get("/strata/internal/v1/streams").then().statusCode(400);
    }

    private static List<String> lines(EntryIterator it) {
        List<String> out = new ArrayList<>();
        try (it) {
            while (it.next()) {
                out.add(it.timestamp() % 1_000_000L % 1_000 + " " + it.line() + " " + it.metadata());
            }
        }
        return out;
    }
}
