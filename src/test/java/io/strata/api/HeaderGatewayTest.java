package io.strata.api;

import static io.restassured.RestAssured.given;
import static io.strata.api.PushBodies.json;
import static io.strata.api.PushBodies.nowNanos;
import static io.strata.api.PushBodies.value;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The default mode {@code header}: Loki's behaviour, plus the gateway's header hygiene. */
@QuarkusTest
class HeaderGatewayTest {
    @Test
    void missingOrInvalidOrgIdIsRefusedWithLokisTexts() {
        given().get("/loki/api/v1/labels").then().statusCode(401).header("WWW-Authenticate", nullValue())
                .body(equalTo("no org id\n"));
        given().header("X-Scope-OrgID", "..").get("/loki/api/v1/labels").then().statusCode(400)
                .body(equalTo("tenant ID is '.' or '..'\n"));
        given().header("X-Scope-OrgID", "a/b").contentType("application/json")
                .body(json("{\"app\":\"x\"}", value(nowNanos(), "x"))).post("/loki/api/v1/push").then().statusCode(400)
                .body(equalTo("tenant ID 'a/b' contains unsupported character '/'\n"));
        given().header("X-Scope-OrgID", "t".repeat(151)).get("/loki/api/v1/labels").then().statusCode(400)
                .body(equalTo("tenant ID is too long: max 150 characters\n"));
        // multi-tenant queries are off by default, as in Loki
        given().header("X-Scope-OrgID", "a|b").get("/loki/api/v1/labels").then().statusCode(400)
                .body(equalTo("multiple org IDs present\n"));
        given().header("X-Scope-OrgID", "a|b").contentType("application/json")
                .body(json("{\"app\":\"x\"}", value(nowNanos(), "x"))).post("/loki/api/v1/push").then().statusCode(400)
                .body(equalTo("multiple org IDs present\n"));
        // an Authorization header is ignored in header mode, as Loki ignores it
        given().header("X-Scope-OrgID", "hdr").header("Authorization", "Bearer whatever").get("/loki/api/v1/labels")
                .then().statusCode(200);
    }

    @Test
    void downstreamSeesTheResolvedTenantAndNoClientPolicy() {
        given().header(TenancyProbe.HEADER, "1").header("X-Scope-OrgID", "hdr:source=test")
                .header("X-Prom-Label-Policy", "hdr:%7Bapp=%22web%22%7D").get("/loki/api/v1/labels").then()
                .statusCode(200).body("tenants", equalTo(List.of("hdr"))).body("orgId", equalTo("hdr"))
                .body("labelPolicy", nullValue()).body("filtered", equalTo(List.of()));
        // a route the scope table does not list still resolves (header mode holds every scope)
        given().header(TenancyProbe.HEADER, "1").header("X-Scope-OrgID", "hdr").get("/strata-test/unlisted").then()
                .statusCode(200).body("tenants", equalTo(List.of("hdr")));
        given().header(TenancyProbe.HEADER, "1").get("/strata-test/unlisted").then().statusCode(401);
    }
}
