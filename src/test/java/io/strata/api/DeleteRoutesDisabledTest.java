package io.strata.api;

import static io.restassured.RestAssured.given;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Without {@code retention-enabled} Loki does not register the delete API: every method is a 404. */
@QuarkusTest
class DeleteRoutesDisabledTest {
    @Test
    void theDeleteApiDoesNotExist() {
        given().header("X-Scope-OrgID", "t").queryParam("query", "{a=\"b\"}").queryParam("start", "1700000000")
                .post("/loki/api/v1/delete").then().statusCode(404);
        given().header("X-Scope-OrgID", "t").get("/loki/api/v1/delete").then().statusCode(404);
        given().header("X-Scope-OrgID", "t").queryParam("request_id", "abcd0123").delete("/loki/api/v1/delete")
                .then().statusCode(404);
    }
}
