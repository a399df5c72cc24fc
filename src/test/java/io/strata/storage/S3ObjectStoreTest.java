package io.strata.storage;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.model.ErrorCategory;
import io.strata.model.StrataException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.services.s3.model.S3Object;

/** S3-specific behaviour against a real s3proxy: key prefixes, multipart, and failures that must be UNAVAILABLE fast. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class S3ObjectStoreTest {
    @RegisterExtension
    static final S3ProxyServer S3 = new S3ProxyServer();

    @Test
    @Order(1)
    void prefixesKeepStoresOnOneBucketApart() {
        String bucket = S3.createBucket();
        try (S3ObjectStore a = new S3ObjectStore(S3.options(bucket).withPrefix("/cluster-a/"));
                S3ObjectStore b = new S3ObjectStore(S3.options(bucket).withPrefix("cluster-ab"))) {
            a.put("t/index/1.idx", "a".getBytes(UTF_8));
            b.put("t/index/1.idx", "b".getBytes(UTF_8));
            assertEquals(List.of("t/index/1.idx"), a.list(""));
            assertEquals(List.of("t/index/1.idx"), b.list("t/"));
            assertEquals("a", new String(a.get("t/index/1.idx").orElseThrow(), UTF_8));
            assertEquals("s3://" + bucket + "/cluster-a", a.describe());
            List<String> raw = S3.admin().listObjectsV2(r -> r.bucket(bucket)).contents().stream()
                    .map(S3Object::key).sorted().toList();
            assertEquals(List.of("cluster-a/t/index/1.idx", "cluster-ab/t/index/1.idx"), raw);
            a.delete("t/index/1.idx");
            assertEquals(List.of(), a.list(""));
            assertEquals(List.of("t/index/1.idx"), b.list(""));
        }
    }

    @Test
    @Order(2)
    void objectsAboveTheThresholdAreUploadedInParts() {
        String bucket = S3.createBucket();
        S3Options options = S3.options(bucket).withMultipart(6 * 1024 * 1024, 5 * 1024 * 1024);
        byte[] small = new byte[6 * 1024 * 1024];
        byte[] large = new byte[6 * 1024 * 1024 + 1];
        new Random(1).nextBytes(large);
        try (S3ObjectStore store = new S3ObjectStore(options)) {
            store.put("t/small", small);
            store.put("t/large", large);
            assertArrayEquals(large, store.get("t/large").orElseThrow());
        }
        String smallTag = S3.admin().headObject(r -> r.bucket(bucket).key("t/small")).eTag();
        String largeTag = S3.admin().headObject(r -> r.bucket(bucket).key("t/large")).eTag();
        assertTrue(!smallTag.contains("-"), "single PUT etag: " + smallTag);
        assertTrue(largeTag.replace("\"", "").endsWith("-2"), "multipart etag with 2 parts: " + largeTag);
        assertEquals(0, S3.admin().listMultipartUploads(r -> r.bucket(bucket)).uploads().size(),
                "no upload left dangling");
    }

    @Test
    @Order(3)
    void wrongSecretIsUnavailableAndNotRetried() {
        String bucket = S3.createBucket();
        try (S3ObjectStore store = new S3ObjectStore(S3.options(bucket)
                .withCredentials(S3ProxyServer.ACCESS_KEY, "not-the-secret"))) {
            for (Map.Entry<String, Executable> call : everyOperation(store, "t/a").entrySet()) {
                StrataException e = unavailableWithin(Duration.ofSeconds(3), call);
                assertTrue(e.getMessage().startsWith("object store s3://" + bucket + " unavailable: "), e.getMessage());
                assertTrue(e.getMessage().contains("access denied, check the S3 credentials"), e.getMessage());
                assertTrue(e.getMessage().contains("SignatureDoesNotMatch"), e.getMessage());
                assertTrue(!e.getMessage().contains("gave up"), "a 403 is final: " + e.getMessage());
            }
        }
    }

    @Test
    @Order(4)
    void missingBucketIsUnavailableAndNotRetried() {
        try (S3ObjectStore store = new S3ObjectStore(S3.options("strata-no-such-bucket"))) {
            Map<String, Executable> calls = everyOperation(store, "t/a");
            // AWS answers a delete in a missing bucket with 404 NoSuchBucket; s3proxy with 204.
            calls.remove("delete");
            for (Map.Entry<String, Executable> call : calls.entrySet()) {
                StrataException e = unavailableWithin(Duration.ofSeconds(3), call);
                assertTrue(e.getMessage().startsWith("object store s3://strata-no-such-bucket unavailable: "),
                        e.getMessage());
                assertTrue(e.getMessage().endsWith(": bucket does not exist (NoSuchBucket)"), e.getMessage());
            }
        }
    }

    @Test
    @Order(99)
    void serverStoppedMidTestIsUnavailableQuicklyAndRecovers() throws Exception {
        String bucket = S3.createBucket();
        try (S3ObjectStore store = new S3ObjectStore(S3.options(bucket))) {
            store.put("t/before", "kept".getBytes(UTF_8));
            S3.stop();
            try {
                for (Map.Entry<String, Executable> call : everyOperation(store, "t/before").entrySet()) {
                    StrataException e = unavailableWithin(Duration.ofSeconds(5), call);
                    assertTrue(e.getMessage().startsWith("object store s3://" + bucket + " unavailable: "),
                            e.getMessage());
                    assertTrue(e.getMessage().endsWith(": Connection refused (gave up after 3 attempts)"),
                            e.getMessage());
                }
            } finally {
                S3.start();
            }
            assertEquals("kept", new String(store.get("t/before").orElseThrow(), UTF_8));
            assertEquals(List.of("t/before"), store.list("t/"));
        }
    }

    /** put, get, list and delete of one key, by name, in that order. */
    static Map<String, Executable> everyOperation(ObjectStore store, String key) {
        Map<String, Executable> calls = new LinkedHashMap<>();
        calls.put("put", () -> store.put(key, new byte[10]));
        calls.put("get", () -> store.get(key));
        calls.put("list", () -> store.list(""));
        calls.put("delete", () -> store.delete(key));
        return calls;
    }

    static StrataException unavailableWithin(Duration limit, Map.Entry<String, Executable> call) {
        long start = System.nanoTime();
        StrataException e = assertThrows(StrataException.class, call.getValue(), call.getKey());
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertEquals(ErrorCategory.UNAVAILABLE, e.category(), call.getKey() + ": " + e.getMessage());
        assertTrue(took.compareTo(limit) < 0, call.getKey() + " took " + took + ": " + e.getMessage());
        assertTrue(e.getMessage().contains(" " + call.getKey() + " "), "names the operation: " + e.getMessage());
        return e;
    }
}
