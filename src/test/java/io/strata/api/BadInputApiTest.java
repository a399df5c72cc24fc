package io.strata.api;

import static io.restassured.RestAssured.given;
import static io.strata.api.PushApiTest.pushJson;
import static io.strata.api.PushApiTest.queryRange;
import static io.strata.api.PushApiTest.tenant;
import static io.strata.api.PushBodies.json;
import static io.strata.api.PushBodies.nowNanos;
import static io.strata.api.PushBodies.value;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import com.google.protobuf.CodedOutputStream;
import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.xerial.snappy.Snappy;

/** Hostile and broken push bodies: each is a 4xx with a clear text; the server keeps serving and data stays. */
@QuarkusTest
class BadInputApiTest {
    private static io.restassured.response.ValidatableResponse pushProto(String tenant, byte[] body) {
        return given().header("X-Scope-OrgID", tenant).contentType("application/x-protobuf").body(body)
                .post("/loki/api/v1/push").then();
    }

    @Test
    void hostileBodiesAreRejectedAndEarlierDataSurvives() throws IOException {
        String t = tenant("bad");
        long now = nowNanos();
        pushJson(t, json("{\"job\":\"keep\"}", value(now - 10, "precious"))).statusCode(204);

        byte[] random = new byte[4096];
        new Random(42).nextBytes(random);
        pushProto(t, random).statusCode(400).body(equalTo("snappy: corrupt input\n"));

        byte[] good = PushBodies.snappyProtobuf(new PushBodies.Stream("{job=\"x\"}",
                List.of(new PushBodies.Entry(now, "line"))));
        pushProto(t, Arrays.copyOf(good, good.length - 3)).statusCode(400).body(equalTo("snappy: corrupt input\n"));

        ByteArrayOutputStream wrong = new ByteArrayOutputStream();
        CodedOutputStream c = CodedOutputStream.newInstance(wrong);
        c.writeInt64(1, 12345); // streams must be length-delimited
        c.flush();
        pushProto(t, Snappy.compress(wrong.toByteArray())).statusCode(400)
                .body(equalTo("proto: wrong wireType = 0 for field Streams\n"));

        byte[] truncatedProto = Arrays.copyOf(PushBodies.protobuf(new PushBodies.Stream("{job=\"x\"}",
                List.of(new PushBodies.Entry(now, "a longer line that gets cut")))), 20);
        pushProto(t, Snappy.compress(truncatedProto)).statusCode(400).body(equalTo("unexpected EOF\n"));

        given().header("X-Scope-OrgID", t).contentType("application/json").body("{\"streams\":[{\"stream\":")
                .post("/loki/api/v1/push").then().statusCode(400).body(startsWith("malformed JSON push request"));
        pushJson(t, "{\"streams\":[{\"stream\":{\"job\":\"x\"},\"values\":[[" + now + ",\"numeric ts\"]]}]}")
                .statusCode(400).body(containsString("timestamp"));

        byte[] invalidUtf8 = ("{\"streams\":[{\"stream\":{\"job\":\"x\"},\"values\":[[\"" + now + "\",\"")
                .getBytes(StandardCharsets.UTF_8);
        byte[] tail = "\"]]}]}".getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[invalidUtf8.length + 2 + tail.length];
        System.arraycopy(invalidUtf8, 0, body, 0, invalidUtf8.length);
        body[invalidUtf8.length] = (byte) 0xC3;
        body[invalidUtf8.length + 1] = (byte) 0x28;
        System.arraycopy(tail, 0, body, invalidUtf8.length + 2, tail.length);
        given().header("X-Scope-OrgID", t).contentType("application/json").body(body)
                .post("/loki/api/v1/push").then().statusCode(400).body(containsString("UTF-8"));

        pushJson(t, json("{\"job\":\"big\"}", value(now, "x".repeat(10 * 1024 * 1024)))).statusCode(400)
                .body(equalTo("max entry size '262144' bytes exceeded for stream '{job=\"big\", service_name=\"big\"}' "
                        + "while adding an entry with length '10485760' bytes\n"));

        StringBuilder labels = new StringBuilder("{");
        for (int i = 0; i < 10_000; i++) {
            labels.append(i > 0 ? ", " : "").append("l").append(i).append("=\"v\"");
        }
        pushProto(t, PushBodies.snappyProtobuf(new PushBodies.Stream(labels.append('}').toString(),
                List.of(new PushBodies.Entry(now, "many labels"))))).statusCode(400)
                .body(endsWith("has 10000 label names; limit 15\n"));

        pushProto(t, PushBodies.snappyProtobuf(new PushBodies.Stream("{job=\"epoch\"}",
                List.of(new PushBodies.Entry(0, "epoch"))))).statusCode(400)
                .body(startsWith("entry for stream '{job=\"epoch\", service_name=\"epoch\"}' has timestamp too old: "
                        + "1970-01-01T00:00:00Z, oldest acceptable timestamp is: "));
        long year9999 = java.time.Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
        ByteArrayOutputStream far = new ByteArrayOutputStream();
        writeEntryWithSeconds(far, "{job=\"far\"}", year9999);
        pushProto(t, Snappy.compress(far.toByteArray())).statusCode(400)
                .body(startsWith("entry for stream '{job=\"far\", service_name=\"far\"}' has timestamp too new: "));

        pushJson("../../etc", json("{\"job\":\"x\"}", value(now, "escape"))).statusCode(400)
                .body(equalTo("tenant ID '../../etc' contains unsupported character '/'\n"));
        pushJson("ünï", json("{\"job\":\"x\"}", value(now, "unicode tenant"))).statusCode(400)
                .body(startsWith("tenant ID '"));

        // still serving, earlier data intact, nothing of the rejected pushes stored
        given().get("/ready").then().statusCode(200);
        queryRange(t, "{job=~\".+\"}").statusCode(200)
                .body("data.result", hasSize(1))
                .body("data.result[0].values[0][1]", equalTo("precious"));
    }

    private static void writeEntryWithSeconds(ByteArrayOutputStream out, String labels, long seconds)
            throws IOException {
        ByteArrayOutputStream ts = new ByteArrayOutputStream();
        CodedOutputStream t = CodedOutputStream.newInstance(ts);
        t.writeInt64(1, seconds);
        t.flush();
        ByteArrayOutputStream entry = new ByteArrayOutputStream();
        CodedOutputStream e = CodedOutputStream.newInstance(entry);
        e.writeByteArray(1, ts.toByteArray());
        e.writeString(2, "far future");
        e.flush();
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        CodedOutputStream s = CodedOutputStream.newInstance(stream);
        s.writeString(1, labels);
        s.writeByteArray(2, entry.toByteArray());
        s.flush();
        CodedOutputStream r = CodedOutputStream.newInstance(out);
        r.writeByteArray(1, stream.toByteArray());
        r.flush();
    }
}
