package io.strata.api;

import static io.restassured.RestAssured.given;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.response.Response;
import io.strata.logql.engine.QueryRequest;
import io.strata.logql.engine.QueryResult;
import io.strata.logql.script.ScriptReplay;
import io.strata.model.Labels;
import io.strata.model.LogEntry;
import io.strata.model.PushStream;
import io.strata.model.StrataException;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * A sample of the LogQL {@code .test} scripts replayed through HTTP: data pushed with
 * {@code /loki/api/v1/push}, queries sent to {@code query}/{@code query_range}, and the JSON
 * decoded back (ns strings, seconds numbers, Go float strings) and compared with the script's
 * expectations. Ingest enrichment is switched off and old samples accepted, so the scripts'
 * 2023 data and labels arrive unchanged.
 */
@QuarkusTest
@TestProfile(ScriptsOverHttpTest.ScriptProfile.class)
class ScriptsOverHttpTest {
    static final List<String> SCRIPTS = List.of("log_results.test", "range_aggregations.test",
            "vector_aggregations.test", "binary_ops.test", "parsers.test", "tricky.test");

    public static class ScriptProfile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("strata.limits.reject-old-samples", "false",
                    "strata.limits.discover-service-name", "none",
                    "strata.limits.discover-log-levels", "false");
        }
    }

    private final Map<String, String> tenants = new HashMap<>();

    @TestFactory
    Stream<DynamicTest> scripts() throws IOException {
        List<DynamicTest> all = new ArrayList<>();
        ScriptReplay.Backend http = new ScriptReplay.Backend() {
            @Override
            public void load(String script, List<PushStream> streams) {
                Response r = given().header("X-Scope-OrgID", tenant(script)).contentType("application/json")
                        .body(pushBody(streams)).post("/loki/api/v1/push");
                if (r.statusCode() != 204) {
                    throw new AssertionError("push failed: " + r.statusCode() + " " + r.asString());
                }
            }

            @Override
            public QueryResult run(String script, QueryRequest q) {
                var req = given().header("X-Scope-OrgID", tenant(script)).queryParam("query", q.query())
                        .queryParam("limit", q.limit()).queryParam("direction", q.direction().name().toLowerCase());
                Response r;
                if (q.instant()) {
                    r = req.queryParam("time", Long.toString(q.startNanos())).get("/loki/api/v1/query");
                } else {
                    req = req.queryParam("start", Long.toString(q.startNanos()))
                            .queryParam("end", Long.toString(q.endNanos()))
                            .queryParam("step", BigDecimal.valueOf(q.stepNanos(), 9).toPlainString());
                    if (q.intervalNanos() > 0) {
                        req = req.queryParam("interval", BigDecimal.valueOf(q.intervalNanos(), 9).toPlainString());
                    }
                    r = req.get("/loki/api/v1/query_range");
                }
                String body = r.asString();
                if (r.statusCode() != 200) {
                    String text = body.endsWith("\n") ? body.substring(0, body.length() - 1) : body;
                    throw r.statusCode() >= 500 ? new IllegalStateException(text) : StrataException.badRequest(text);
                }
                return decode(body);
            }
        };
        for (String s : SCRIPTS) {
            all.addAll(ScriptReplay.tests(s, http));
        }
        return all.stream();
    }

    /** With ingest enrichment off an entry may have no categories at all: its third element is still there, {@code {}}. */
    @org.junit.jupiter.api.Test
    void categorizedEntryWithoutLabelsGetsAnEmptyObject() {
        String t = tenant("categorize-empty");
        long ts = ScriptReplay.epochNanos() + 1_000_000_000L;
        given().header("X-Scope-OrgID", t).contentType("application/json")
                .body("{\"streams\":[{\"stream\":{\"app\":\"e\"},\"values\":[[\"" + ts + "\",\"plain\"]]}]}")
                .post("/loki/api/v1/push").then().statusCode(204);
        String body = given().header("X-Scope-OrgID", t).header("X-Loki-Response-Encoding-Flags", "categorize-labels")
                .queryParam("query", "{app=\"e\"}").queryParam("start", Long.toString(ts))
                .queryParam("end", Long.toString(ts + 1)).get("/loki/api/v1/query_range").then().statusCode(200)
                .extract().asString();
        org.junit.jupiter.api.Assertions.assertTrue(body.contains("\"encodingFlags\":[\"categorize-labels\"],\"result\":"
                + "[{\"stream\":{\"app\":\"e\"},\"values\":[[\"" + ts + "\",\"plain\",{}]]}],\"stats\":{"), body);
    }

    private String tenant(String script) {
        return tenants.computeIfAbsent(script, s -> "script-" + UUID.randomUUID().toString().substring(0, 8));
    }

    static String pushBody(List<PushStream> streams) {
        StringBuilder b = new StringBuilder("{\"streams\":[");
        for (int i = 0; i < streams.size(); i++) {
            PushStream s = streams.get(i);
            b.append(i == 0 ? "" : ",").append("{\"stream\":").append(object(s.labels())).append(",\"values\":[");
            for (int k = 0; k < s.entries().size(); k++) {
                LogEntry e = s.entries().get(k);
                b.append(k == 0 ? "" : ",").append("[\"").append(e.timestampNanos()).append("\",")
                        .append(GrafanaRequests.quoteJson(e.line()));
                if (!e.metadata().isEmpty()) {
                    b.append(",").append(object(e.metadata()));
                }
                b.append("]");
            }
            b.append("]}");
        }
        return b.append("]}").toString();
    }

    private static String object(Labels l) {
        StringBuilder b = new StringBuilder("{");
        for (int i = 0; i < l.size(); i++) {
            b.append(i == 0 ? "" : ",").append(GrafanaRequests.quoteJson(l.name(i))).append(":")
                    .append(GrafanaRequests.quoteJson(l.value(i)));
        }
        return b.append("}").toString();
    }

    /** The JSON of a query response back into the engine's result types. */
    @SuppressWarnings("unchecked")
    static QueryResult decode(String body) {
        JsonPath json = JsonPath.from(body).using(new JsonPathConfig(JsonPathConfig.NumberReturnType.BIG_DECIMAL));
        String type = json.getString("data.resultType");
        List<Object> result = json.getList("data.result");
        switch (type) {
            case "streams" -> {
                List<QueryResult.LogStream> streams = new ArrayList<>();
                for (Object o : result) {
                    Map<String, Object> s = (Map<String, Object>) o;
                    Labels labels = Labels.fromMap((Map<String, String>) s.get("stream"));
                    List<QueryResult.Entry> entries = new ArrayList<>();
                    for (Object v : (List<Object>) s.get("values")) {
                        List<Object> t = (List<Object>) v;
                        if (t.size() != 2) {
                            throw new AssertionError("entries without categorize-labels are pairs: " + t);
                        }
                        entries.add(new QueryResult.Entry(Long.parseLong((String) t.get(0)), (String) t.get(1),
                                labels, Labels.EMPTY, Labels.EMPTY));
                    }
                    streams.add(new QueryResult.LogStream(labels, entries));
                }
                return new QueryResult.Streams(streams);
            }
            case "matrix" -> {
                List<QueryResult.Series> series = new ArrayList<>();
                for (Object o : result) {
                    Map<String, Object> s = (Map<String, Object>) o;
                    List<QueryResult.Point> points = new ArrayList<>();
                    for (Object v : (List<Object>) s.get("values")) {
                        List<Object> p = (List<Object>) v;
                        points.add(new QueryResult.Point(millis(p.get(0)), value(p.get(1))));
                    }
                    series.add(new QueryResult.Series(Labels.fromMap((Map<String, String>) s.get("metric")), points));
                }
                return new QueryResult.Matrix(series);
            }
            case "vector" -> {
                List<QueryResult.Sample> samples = new ArrayList<>();
                for (Object o : result) {
                    Map<String, Object> s = (Map<String, Object>) o;
                    List<Object> p = (List<Object>) s.get("value");
                    samples.add(new QueryResult.Sample(Labels.fromMap((Map<String, String>) s.get("metric")),
                            millis(p.get(0)), value(p.get(1))));
                }
                return new QueryResult.Vector(samples);
            }
            case "scalar" -> {
                return new QueryResult.Scalar(millis(result.get(0)), value(result.get(1)));
            }
            default -> throw new AssertionError("unknown resultType " + type);
        }
    }

    private static long millis(Object seconds) {
        if (!(seconds instanceof Number n)) {
            throw new AssertionError("sample time must be a JSON number: " + seconds);
        }
        return new BigDecimal(n.toString()).movePointRight(3).longValueExact();
    }

    private static double value(Object v) {
        if (!(v instanceof String s)) {
            throw new AssertionError("sample value must be a JSON string: " + v);
        }
        if (s.contains("e") || s.contains("E")) {
            throw new AssertionError("Go 'f' format has no exponent: " + s);
        }
        return switch (s) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(s);
        };
    }
}
