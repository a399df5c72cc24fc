package io.strata.api;

import static io.strata.api.GrafanaRequests.entry;
import static io.strata.api.PushApiTest.pushJson;
import static io.strata.api.PushApiTest.tenant;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Grafana's label browser, autocompletion and variables (API.md §6.4): labels, values, series in ns windows. */
@QuarkusTest
class GrafanaLabelBrowserTest {
    static final String T = tenant("browser");
    static long base;

    @BeforeEach
    void load() {
        if (base != 0) {
            return;
        }
        base = GrafanaRequests.baseNanos();
        pushJson(T, "{\"streams\":[{\"stream\":{\"app\":\"web\",\"env\":\"prod\"},\"values\":["
                + entry(base + 1, "a") + "]},{\"stream\":{\"app\":\"db\",\"env\":\"dev\",\"zone\":\"z1\"},\"values\":["
                + entry(base + 2, "b") + "]}]}").statusCode(204);
    }

    private String[] window(String... more) {
        String[] w = {"start", Long.toString(base), "end", Long.toString(base + 60_000_000_000L)};
        String[] out = java.util.Arrays.copyOf(w, w.length + more.length);
        System.arraycopy(more, 0, out, w.length, more.length);
        return out;
    }

    @Test
    void labelNamesAndValuesWithAndWithoutSelector() {
        var spec = io.restassured.RestAssured.given().header("X-Scope-OrgID", T);
        GrafanaRequests.get(spec, "/loki/api/v1/labels", window()).statusCode(200)
                .body("data", contains("app", "env", "service_name", "zone"));
        GrafanaRequests.get(io.restassured.RestAssured.given().header("X-Scope-OrgID", T), "/loki/api/v1/labels",
                window("query", "{env=\"prod\"}")).statusCode(200)
                .body("data", contains("app", "env", "service_name"));
        GrafanaRequests.get(io.restassured.RestAssured.given().header("X-Scope-OrgID", T),
                "/loki/api/v1/label/app/values", window()).statusCode(200).body("data", contains("db", "web"));
        // label_values({sel}, lbl) may carry a whole log query: its matchers restrict the streams
        GrafanaRequests.get(io.restassured.RestAssured.given().header("X-Scope-OrgID", T),
                "/loki/api/v1/label/app/values", window("query", "{env=\"dev\"} |= \"b\" | logfmt")).statusCode(200)
                .body("data", contains("db"));
        GrafanaRequests.get(io.restassured.RestAssured.given().header("X-Scope-OrgID", T),
                "/loki/api/v1/label/nope/values", window()).statusCode(200)
                .body(equalTo("{\"status\":\"success\"}\n"));
    }

    @Test
    void seriesForFacets() {
        GrafanaRequests.get(io.restassured.RestAssured.given().header("X-Scope-OrgID", T), "/loki/api/v1/series",
                window("match[]", "{app=~\"web|db\"}")).statusCode(200)
                .body("data", hasSize(2))
                .body("data[0]", equalTo(Map.of("app", "db", "env", "dev", "service_name", "db", "zone", "z1")));
        GrafanaRequests.get(io.restassured.RestAssured.given().header("X-Scope-OrgID", T), "/loki/api/v1/series",
                window("match[]", "{zone=\"z9\"}")).statusCode(200)
                .body(equalTo("{\"status\":\"success\",\"data\":[]}\n"));
    }
}
