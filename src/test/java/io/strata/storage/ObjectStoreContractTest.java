package io.strata.storage;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ObjectStore} must do, whatever backs it. A subclass supplies a fresh, empty
 * store per test; the same tests then run against local disk, memory and S3.
 */
public abstract class ObjectStoreContractTest {
    private ObjectStore store;

    /** A new store that holds no objects. Called before every test; closed after it. */
    protected abstract ObjectStore newStore() throws Exception;

    /** Size of the "large object" case; S3 uses this to cross the multipart threshold. */
    protected int largeObjectBytes() {
        return 20 * 1024 * 1024 + 12_345;
    }

    @BeforeEach
    void openStore() throws Exception {
        store = newStore();
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    protected ObjectStore store() {
        return store;
    }

    @Test
    void putThenGetReturnsTheSameBytes() {
        byte[] data = new byte[256 * 3];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) i;
        }
        store.put("tenant-a/chunks/0/abc/1-2-3", data);
        assertArrayEquals(data, store.get("tenant-a/chunks/0/abc/1-2-3").orElseThrow());
    }

    @Test
    void emptyObjectRoundTrips() {
        store.put("t/empty", new byte[0]);
        assertArrayEquals(new byte[0], store.get("t/empty").orElseThrow());
        assertEquals(List.of("t/empty"), store.list("t/"));
    }

    @Test
    void missingKeyIsEmptyNotAnError() {
        assertEquals(Optional.empty(), store.get("nobody/home"));
        store.put("t/a", bytes("a"));
        assertEquals(Optional.empty(), store.get("t/b"));
        assertEquals(Optional.empty(), store.get("t/a/b"));
    }

    @Test
    void putOverwrites() {
        store.put("t/k", bytes("first version, longer than the second"));
        store.put("t/k", bytes("second"));
        assertEquals("second", text(store.get("t/k").orElseThrow()));
        assertEquals(List.of("t/k"), store.list("t/"));
    }

    @Test
    void listIsSortedRecursiveAndHonoursThePrefix() {
        List<String> keys = new ArrayList<>(List.of(
                "tenant-b/index/100/w-1.idx", "tenant-a/chunks/1/ff/5-6-0", "tenant-a/chunks/0/aa/1-2-0",
                "tenant-a/index/100/w-2.idx", "tenant-a/index/100/w-1.idx", "tenant-ab/chunks/0/x/1-1-1",
                "tenant-a/chunks/0/aa/3-4-0", "tenant-a/index/200/w-1.idx", "z", "tenant-a/chunks/0/ab/1-1-1"));
        Collections.shuffle(keys, new Random(7));
        for (String key : keys) {
            store.put(key, bytes(key));
        }
        List<String> sorted = new ArrayList<>(keys);
        Collections.sort(sorted);
        assertEquals(sorted, store.list(""));
        assertEquals(List.of("tenant-a/chunks/0/aa/1-2-0", "tenant-a/chunks/0/aa/3-4-0", "tenant-a/chunks/0/ab/1-1-1",
                "tenant-a/chunks/1/ff/5-6-0", "tenant-a/index/100/w-1.idx", "tenant-a/index/100/w-2.idx",
                "tenant-a/index/200/w-1.idx"), store.list("tenant-a/"));
        assertEquals(List.of("tenant-a/index/100/w-1.idx", "tenant-a/index/100/w-2.idx"),
                store.list("tenant-a/index/100/"));
        assertEquals(List.of("tenant-a/chunks/0/aa/1-2-0", "tenant-a/chunks/0/aa/3-4-0", "tenant-a/chunks/0/ab/1-1-1"),
                store.list("tenant-a/chunks/0/a"), "a prefix need not end at a /");
        assertEquals(List.of(), store.list("tenant-c/"));
        assertEquals(List.of(), store.list("tenant-a/index/100/w-1.idx/"));
    }

    @Test
    void listPagesThroughManyKeys() {
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            String key = String.format("t/index/%03d.idx", 24 - i);
            store.put(key, bytes(key));
            expected.add(key);
        }
        Collections.sort(expected);
        assertEquals(expected, store.list("t/index/"));
    }

    @Test
    void keysMayUseEveryCharacterOfALokiTenantId() {
        String tenant = "Team_1-a.b!c*d'e(f)g";
        store.put(tenant + "/index/1/w-1.idx", bytes("x"));
        assertEquals("x", text(store.get(tenant + "/index/1/w-1.idx").orElseThrow()));
        assertEquals(List.of(tenant + "/index/1/w-1.idx"), store.list(tenant + "/"));
    }

    @Test
    void deleteRemovesAndToleratesMissingKeys() {
        store.put("t/a", bytes("a"));
        store.put("t/b", bytes("b"));
        store.delete("t/a");
        assertEquals(Optional.empty(), store.get("t/a"));
        assertEquals(List.of("t/b"), store.list("t/"));
        store.delete("t/a");
        store.delete("never/was");
        assertEquals("b", text(store.get("t/b").orElseThrow()));
    }

    @Test
    void largeObjectRoundTrips() {
        byte[] data = new byte[largeObjectBytes()];
        new Random(42).nextBytes(data);
        store.put("t/chunks/big", data);
        byte[] back = store.get("t/chunks/big").orElseThrow();
        assertEquals(data.length, back.length);
        assertArrayEquals(data, back);
        assertEquals(List.of("t/chunks/big"), store.list("t/chunks/"));
    }

    @Test
    void concurrentPutsAreAllVisibleAndComplete() throws Exception {
        int threads = 8;
        int perThread = 12;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        store.put("t/" + thread + "/" + i, bytes("object " + thread + "/" + i));
                        store.put("t/shared", payload(thread));
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        List<String> keys = store.list("t/");
        assertEquals(threads * perThread + 1, keys.size());
        for (int t = 0; t < threads; t++) {
            for (int i = 0; i < perThread; i++) {
                assertTrue(keys.contains("t/" + t + "/" + i));
                assertEquals("object " + t + "/" + i, text(store.get("t/" + t + "/" + i).orElseThrow()));
            }
        }
        byte[] shared = store.get("t/shared").orElseThrow();
        boolean oneWholeWrite = false;
        for (int t = 0; t < threads; t++) {
            oneWholeWrite |= Arrays.equals(payload(t), shared);
        }
        assertTrue(oneWholeWrite, "an overwritten object is exactly one of the writes, never a mix");
    }

    @Test
    void directoryPrefixDoesNotLeakIntoSiblings() {
        store.put("tenant/x", bytes("1"));
        store.put("tenant2/x", bytes("2"));
        assertEquals(List.of("tenant/x"), store.list("tenant/"));
        assertEquals(List.of("tenant/x", "tenant2/x"), store.list("tenant"));
    }

    private static byte[] payload(int thread) {
        byte[] data = new byte[64 * 1024];
        Arrays.fill(data, (byte) thread);
        return data;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(UTF_8);
    }

    private static String text(byte[] b) {
        return new String(b, UTF_8);
    }

    @Test
    void listDirectoriesNamesImmediateChildrenOnly() {
        byte[] x = "x".getBytes(UTF_8);
        store.put("a/x/1", x);
        store.put("a/y/z/2", x);
        store.put("a/f", x);
        store.put("ab/q", x);
        for (int i = 0; i < 9; i++) {
            store.put("t" + i + "/index/1/w-1.idx", x);
            store.put("t" + i + "/chunks/0/f/1-2-3", x);
        }
        List<String> top = new ArrayList<>(List.of("a", "ab"));
        for (int i = 0; i < 9; i++) {
            top.add("t" + i);
        }
        assertEquals(top, store.listDirectories(""));
        assertEquals(List.of("x", "y"), store.listDirectories("a/"), "a/f is an object, not a directory");
        assertEquals(List.of("z"), store.listDirectories("a/y/"));
        assertEquals(List.of("chunks", "index"), store.listDirectories("t3/"));
        assertEquals(List.of(), store.listDirectories("c/"));
        assertEquals(List.of(), store.listDirectories("a/x/"), "only objects below a/x/");
    }
}
