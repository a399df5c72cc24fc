package io.strata.storage;

import static io.strata.storage.Fixtures.e;
import static io.strata.storage.Fixtures.readAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.model.Direction;
import io.strata.model.Labels;
import io.strata.model.PushStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A round's chunks are put with bounded parallelism; each index segment strictly after its chunks. */
class FlusherParallelPutTest {
    @TempDir
    Path dir;

    /** Slow chunk puts; records the most puts in flight and how many chunks were durable per index put. */
    static final class SlowStore implements ObjectStore {
        final InMemoryObjectStore inner = new InMemoryObjectStore();
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger maxInFlight = new AtomicInteger();
        final AtomicInteger chunksDone = new AtomicInteger();
        final List<Integer> chunksAtIndexPut = new ArrayList<>();
        volatile int failChunkPut = -1;
        final AtomicInteger chunkPuts = new AtomicInteger();

        @Override
        public void put(String key, byte[] data) {
            if (key.contains("/index/")) {
                assertEquals(0, inFlight.get(), "no chunk put in flight while an index segment is written");
                synchronized (chunksAtIndexPut) {
                    chunksAtIndexPut.add(chunksDone.get());
                }
                inner.put(key, data);
                return;
            }
            int n = inFlight.incrementAndGet();
            maxInFlight.accumulateAndGet(n, Math::max);
            try {
                Thread.sleep(15);
                if (chunkPuts.incrementAndGet() == failChunkPut) {
                    throw new IllegalStateException("store down");
                }
                inner.put(key, data);
                chunksDone.incrementAndGet();
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(ex);
            } finally {
                inFlight.decrementAndGet();
            }
        }

        @Override
        public Optional<byte[]> get(String key) {
            return inner.get(key);
        }

        @Override
        public List<String> list(String prefix) {
            return inner.list(prefix);
        }

        @Override
        public void delete(String key) {
            inner.delete(key);
        }

        @Override
        public String describe() {
            return "slow";
        }
    }

    private static List<PushStream> streams(int n, long ts) {
        List<PushStream> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new PushStream(Labels.of("app", "a" + i), List.of(e(ts, "line " + i + " at " + ts))));
        }
        return out;
    }

    @Test
    void chunksArePutInParallelAndTheIndexFollowsThem() {
        SlowStore store = new SlowStore();
        StorageOptions o = Fixtures.options(dir, Fixtures.clock());
        try (Storage s = Storage.open(o, store)) {
            s.append("t1", streams(24, 1));
            s.flushAll();
            assertEquals(24, store.inner.list("t1/chunks/").size());
            assertTrue(store.maxInFlight.get() > 1, "parallel puts: " + store.maxInFlight.get());
            assertTrue(store.maxInFlight.get() <= ChunkUploads.DEFAULT_PARALLELISM, "bounded: " + store.maxInFlight);
            assertEquals(List.of(24), store.chunksAtIndexPut);
            assertEquals(List.of("line 3 at 1"), readAll(s, "t1", Labels.of("app", "a3"), Direction.FORWARD)
                    .stream().map(x -> x.substring(x.indexOf(' ') + 1)).toList());
        }
    }

    @Test
    void aFailedChunkPutFailsTheRoundWithoutAnIndexAndTheNextRoundRetries() {
        SlowStore store = new SlowStore();
        StorageOptions o = Fixtures.options(dir, Fixtures.clock());
        try (Storage s = Storage.open(o, store)) {
            s.append("t1", streams(24, 1));
            store.failChunkPut = 5;
            IllegalStateException ex = assertThrows(IllegalStateException.class, s::flushAll);
            assertEquals("store down", ex.getMessage());
            assertEquals(0, store.inFlight.get(), "no put of the failed round is still running");
            assertTrue(store.inner.list("t1/index/").isEmpty(), "no index segment names a missing chunk");
            assertEquals(0, s.stats().chunksFlushed());
            int putsAfterFailure = store.chunkPuts.get();
            sleep(100);
            assertEquals(putsAfterFailure, store.chunkPuts.get(), "skipped puts never start later");
            store.failChunkPut = -1;
            s.flushAll();
            assertEquals(24, s.stats().chunksFlushed());
            assertEquals(1, store.inner.list("t1/index/").size());
        }
        try (Storage s = Storage.open(o, store)) {
            for (int i = 0; i < 24; i++) {
                assertEquals(1, readAll(s, "t1", Labels.of("app", "a" + i), Direction.FORWARD).size());
            }
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }
}
