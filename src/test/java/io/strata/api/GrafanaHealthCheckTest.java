package io.strata.api;

import static io.strata.api.PushApiTest.tenant;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Grafana's "Save & test" (API.md §6.1): one instant query at time=4000000000 answering one sample "2". */
@QuarkusTest
class GrafanaHealthCheckTest {
    @Test
    void healthCheckAnswersOneSampleOfTwo() {
        GrafanaRequests.get(GrafanaRequests.data(tenant("health"), null), "/loki/api/v1/query",
                        "direction", "backward", "query", "vector(1)+vector(1)", "time", "4000000000")
                .statusCode(200)
                .contentType("application/json")
                .body("status", equalTo("success"))
                .body("data.resultType", equalTo("vector"))
                .body("data.result", hasSize(1))
                .body("data.result[0].metric", equalTo(java.util.Map.of()))
                .body("data.result[0].value[1]", equalTo("2"))
                .body("data", not(hasKey("encodingFlags")))
                .body(startsWith("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":{},"
                        + "\"value\":[4000000000,\"2\"]}],\"stats\":{"));
    }

    @Test
    void literalInstantQueryIsAScalar() {
        GrafanaRequests.get(GrafanaRequests.data(tenant("health"), null), "/loki/api/v1/query",
                        "query", "1+1", "time", "1700000000.5")
                .statusCode(200)
                .body(startsWith("{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\","
                        + "\"result\":[1700000000.5,\"2\"],\"stats\":{"));
    }
}
