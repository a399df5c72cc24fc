package io.strata.api;

import static io.restassured.RestAssured.given;
import static io.strata.api.PushApiTest.tenant;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

/** The ruler's YAML configuration API and its Prometheus JSON routes, as Loki and Grafana expect them. */
@QuarkusTest
class RulerApiTest {
    static final String ACCEPTED = "{\"status\":\"success\",\"data\":null,\"errorType\":\"\",\"error\":\"\"}";

    static final String GROUP = """
            name: apigroup
            interval: 1m
            rules:
              - alert: ApiTestErrors
                expr: sum by (app) (count_over_time({job="apitest"} |= "boom" [5m])) > 0
                labels:
                  severity: critical
                annotations:
                  summary: errors in {{ $labels.app }}
              - record: apitest:lines:rate1m
                expr: sum(rate({job="apitest"}[1m]))
            """;

    static ValidatableResponse post(String tenant, String path, String body) {
        return given().header("X-Scope-OrgID", tenant).contentType("application/yaml")
                .body(body.getBytes(java.nio.charset.StandardCharsets.UTF_8)).post(path).then();
    }

    static ValidatableResponse get(String tenant, String path) {
        return given().header("X-Scope-OrgID", tenant).get(path).then();
    }

    static ValidatableResponse delete(String tenant, String path) {
        return given().header("X-Scope-OrgID", tenant).delete(path).then();
    }

    @Test
    void emptyTenantAnswersLokisNotFoundTextsAndEmptyJson() {
        String t = tenant("empty");
        get(t, "/loki/api/v1/rules").statusCode(404).body(equalTo("no rule groups found\n"));
        get(t, "/api/prom/rules").statusCode(404).body(equalTo("no rule groups found\n"));
        // Grafana's ruler probe: this exact text means "ruler editable"
        get(t, "/api/prom/rules/test/test").statusCode(404).body(equalTo("group does not exist\n"));
        get(t, "/api/prom/rules/test").statusCode(404).body(equalTo("no rule groups found\n"));
        delete(t, "/api/prom/rules/test").statusCode(404).body(equalTo("group namespace does not exist\n"));
        delete(t, "/api/prom/rules/test/g").statusCode(404).body(equalTo("group does not exist\n"));
        get(t, "/prometheus/api/v1/rules").statusCode(200).contentType(containsString("json"))
                .body(equalTo("{\"status\":\"success\",\"data\":{\"groups\":[]},\"errorType\":\"\",\"error\":\"\"}"));
        get(t, "/prometheus/api/v1/alerts").statusCode(200).contentType(containsString("json"))
                .body(equalTo("{\"status\":\"success\",\"data\":{\"alerts\":[]},\"errorType\":\"\",\"error\":\"\"}"));
    }

    @Test
    void groupLifecycleThroughBothPrefixes() {
        String t = tenant("crud");
        post(t, "/api/prom/rules/apins", GROUP).statusCode(202).contentType(containsString("application/json"))
                .body(equalTo(ACCEPTED));
        String groupYaml = """
                name: apigroup
                interval: 1m
                rules:
                    - alert: ApiTestErrors
                      expr: sum by (app) (count_over_time({job="apitest"} |= "boom"[5m])) > 0
                      labels:
                        severity: critical
                      annotations:
                        summary: errors in {{ $labels.app }}
                    - record: apitest:lines:rate1m
                      expr: sum(rate({job="apitest"}[1m]))
                """;
        get(t, "/api/prom/rules/apins/apigroup").statusCode(200).contentType(containsString("yaml"))
                .body(containsString("name: apigroup"), containsString("alert: ApiTestErrors"),
                        containsString("severity: critical"), containsString("record: apitest:lines:rate1m"));
        get(t, "/loki/api/v1/rules/apins/apigroup").statusCode(200).contentType(containsString("yaml"))
                .body(startsWith("name: apigroup\n"));
        get(t, "/loki/api/v1/rules").statusCode(200).contentType(containsString("yaml"))
                .body(startsWith("apins:\n    - name: apigroup\n"));
        get(t, "/api/prom/rules/apins").statusCode(200).body(startsWith("apins:\n    - name: apigroup\n"));
        get(t, "/api/prom/rules?labels=severity:critical").statusCode(200)
                .body(containsString("ApiTestErrors"), org.hamcrest.Matchers.not(containsString("apitest:lines")));

        // another group in the same namespace, then replace the first
        post(t, "/loki/api/v1/rules/apins", "name: second\nrules:\n  - record: x:y\n    expr: sum(rate({job=\"a\"}[1m]))\n")
                .statusCode(202);
        post(t, "/loki/api/v1/rules/apins", GROUP.replace("interval: 1m", "interval: 2m")).statusCode(202);
        get(t, "/loki/api/v1/rules/apins").statusCode(200)
                .body(containsString("interval: 2m"), containsString("name: second"));

        get(t, "/prometheus/api/v1/rules").statusCode(200)
                .body(startsWith("{\"status\":\"success\",\"data\":{\"groups\":[{\"name\":\"apigroup\",\"file\":\"apins\""),
                        containsString("\"type\":\"alerting\""), containsString("\"type\":\"recording\""),
                        containsString("\"errorType\":\"\",\"error\":\"\"}"));
        get(t, "/prometheus/api/v1/rules?type=record&rule_group=second").statusCode(200)
                .body(containsString("\"name\":\"x:y\""), org.hamcrest.Matchers.not(containsString("ApiTestErrors")),
                        org.hamcrest.Matchers.not(containsString("apitest:lines")));
        get(t, "/prometheus/api/v1/rules?type=bogus").statusCode(400).contentType(containsString("json"))
                .body(equalTo("{\"status\":\"error\",\"data\":null,\"errorType\":\"bad_data\","
                        + "\"error\":\"not supported value \\\"bogus\\\"\"}"));

        delete(t, "/api/prom/rules/apins/apigroup").statusCode(202).body(equalTo(ACCEPTED));
        get(t, "/api/prom/rules/apins/apigroup").statusCode(404).body(equalTo("group does not exist\n"));
        get(t, "/api/prom/rules/apins/second").statusCode(200);
        delete(t, "/loki/api/v1/rules/apins").statusCode(202).body(equalTo(ACCEPTED));
        get(t, "/loki/api/v1/rules").statusCode(404).body(equalTo("no rule groups found\n"));
        // tenants are isolated
        get(tenant("other"), "/api/prom/rules/apins/apigroup").statusCode(404);
    }

    @Test
    void badInputIsAClear4xx() throws Exception {
        String t = tenant("bad");
        post(t, "/api/prom/rules/ns", "name: [unclosed\n").statusCode(400)
                .body(equalTo("unable to decoded rule group\n"));
        post(t, "/api/prom/rules/ns", "name: g\nrules:\n  - alert: X\n    expr: sum(rate({job=}[1m]))\n")
                .statusCode(400).body(startsWith("could not parse expression for alert 'X' in group 'g': parse error"));
        post(t, "/api/prom/rules/ns", "name: g\nrules:\n  - expr: sum(rate({job=\"a\"}[1m]))\n").statusCode(400)
                .body(containsString("one of 'record' or 'alert' must be set"));
        post(t, "/api/prom/rules/ns", "name: g\nrules:\n  - record: a:b\n    for: 1m\n    expr: sum(rate({job=\"a\"}[1m]))\n")
                .statusCode(400).body(containsString("invalid field 'for' in recording rule"));
        post(t, "/api/prom/rules/ns", "name: \"\"\nrules: []\n").statusCode(400)
                .body(containsString("Groupname must not be empty"));
        // path traversal in names, however encoded
        post(t, "/api/prom/rules/a%2Fb", GROUP).statusCode(400).body(containsString("path traversal not allowed"));
        post(t, "/api/prom/rules/..%2Fx", GROUP).statusCode(400).body(containsString("path traversal not allowed"));
        get(t, "/api/prom/rules/ns/..%2F..%2Fetc").statusCode(400).body(containsString("path traversal not allowed"));
        post(t, "/api/prom/rules/ns", GROUP.replace("name: apigroup", "name: ../up")).statusCode(400)
                .body(containsString("path traversal not allowed"));
        // 10 MB body
        String huge = "name: g\n#" + "x".repeat(10 << 20) + "\n";
        post(t, "/api/prom/rules/ns", huge).statusCode(413).body(startsWith("rule group too large"));
        // the same without Content-Length (chunked)
        var client = java.net.http.HttpClient.newHttpClient();
        var chunked = client.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(io.restassured.RestAssured.baseURI + ":" + io.restassured.RestAssured.port
                        + "/api/prom/rules/ns"))
                .header("X-Scope-OrgID", t)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(
                        () -> new java.io.ByteArrayInputStream(huge.getBytes(java.nio.charset.StandardCharsets.UTF_8))))
                .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        org.junit.jupiter.api.Assertions.assertEquals(413, chunked.statusCode(), chunked.body());
        org.junit.jupiter.api.Assertions.assertTrue(chunked.body().startsWith("rule group too large"), chunked.body());
        // nothing was stored by any of it, and the server still answers
        get(t, "/api/prom/rules").statusCode(404).body(equalTo("no rule groups found\n"));
    }

    @Test
    void tenancyTexts() {
        given().get("/api/prom/rules").then().statusCode(401).body(equalTo("no org id\n"));
        given().get("/prometheus/api/v1/rules").then().statusCode(401).body(equalTo("no org id\n"));
        get("a|b", "/api/prom/rules").statusCode(500).contentType(containsString("json"))
                .body(equalTo("{\"status\":\"error\",\"data\":null,\"errorType\":\"server_error\",\"error\":\"no org id\"}"));
        post("a|b", "/api/prom/rules/ns", GROUP).statusCode(500).body(containsString("\"error\":\"no org id\""));
        get("a|b", "/prometheus/api/v1/rules").statusCode(400).contentType(containsString("json"))
                .body(equalTo("{\"status\":\"error\",\"data\":null,\"errorType\":\"bad_data\","
                        + "\"error\":\"too many org ids found\"}"));
        get("a|b", "/prometheus/api/v1/alerts").statusCode(400).body(containsString("too many org ids found"));
    }

    @Test
    void rulerCountersAreOnMetrics() {
        given().get("/metrics").then().statusCode(200)
                .body(containsString("loki_prometheus_rule_evaluations_total "),
                        containsString("loki_prometheus_notifications_dropped_total "),
                        containsString("strata_ruler_remote_write_samples_sent_total "));
        // route names for loki_request_duration_seconds
        get(tenant("m"), "/api/prom/rules/test/test").statusCode(404);
        given().get("/metrics").then().body(containsString("route=\"api_prom_rules_namespace_groupname\""));
    }
}
