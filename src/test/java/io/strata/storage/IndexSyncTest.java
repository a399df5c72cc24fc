package io.strata.storage;

import static io.strata.storage.Fixtures.APP;
import static io.strata.storage.Fixtures.WEB;
import static io.strata.storage.Fixtures.e;
import static io.strata.storage.Fixtures.push;
import static io.strata.storage.Fixtures.read;
import static io.strata.storage.Fixtures.readAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.model.Direction;
import io.strata.model.Matcher;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Storage#syncIndex()}: new segments appear, deleted ones vanish, compaction hides nothing. */
class IndexSyncTest {
    @TempDir
    Path dir;

    private final TestClock clock = Fixtures.clock();
    private final InMemoryObjectStore store = new InMemoryObjectStore();

    private Storage reader() {
        return Storage.open(Fixtures.options(dir.resolve("reader"), clock).withReadOnly(true), store);
    }

    private Storage writer(String name) {
        return Storage.open(Fixtures.options(dir.resolve(name), clock), store);
    }

    private static List<String> labelsIn(Storage s, String tenant, long from, long through) {
        return s.streams(tenant, List.of(), from, through).stream().map(i -> i.labels().toString()).toList();
    }

    @Test
    void syncLoadsNewSegmentsAndForgetsDeletedOnes() {
        try (Storage w = writer("w"); Storage r = reader()) {
            push(w, "t1", APP, e(1, "a"), e(2, "b"));
            w.flushAll();
            push(w, "t1", APP, e(100, "c"));
            push(w, "t2", WEB, e(5, "web"));
            w.flushAll();
            assertEquals(new SyncResult(3, 0), r.syncIndex());
            assertEquals(List.of(APP.toString()), labelsIn(r, "t1", 100, 200));
            List<String> segments = store.list("t1/index/");
            assertEquals(2, segments.size());

            store.delete(segments.get(1)); // the segment holding ts 100
            assertEquals(new SyncResult(0, 1), r.syncIndex());
            assertEquals(List.of(), labelsIn(r, "t1", 100, 200), "the stream no longer covers [100, 200)");
            assertEquals(List.of(APP.toString()), labelsIn(r, "t1", 0, 200));
            assertEquals(List.of("1 a", "2 b"), readAll(r, "t1", APP, Direction.FORWARD));

            store.delete(segments.get(0));
            assertEquals(new SyncResult(0, 1), r.syncIndex());
            assertEquals(List.of(), labelsIn(r, "t1", Long.MIN_VALUE, Long.MAX_VALUE));
            assertEquals(List.of(), readAll(r, "t1", APP, Direction.FORWARD));
            assertEquals(List.of("5 web"), readAll(r, "t2", WEB, Direction.FORWARD), "other tenants untouched");
        }
    }

    @Test
    void compactionRewritingSegmentsHidesNothing() {
        try (Storage w = writer("w"); Storage r = reader()) {
            push(w, "t1", APP, e(1, "a"));
            w.flushAll();
            push(w, "t1", APP, e(2, "b"));
            push(w, "t1", WEB, e(3, "w"));
            w.flushAll();
            r.syncIndex();
            List<String> old = store.list("t1/index/");
            List<IndexSegment.StreamChunks> merged = new ArrayList<>();
            long period = 0;
            for (String key : old) {
                IndexSegment seg = IndexSegment.decode(store.get(key).orElseThrow());
                merged.addAll(seg.streams());
                period = seg.periodStart();
            }
            String compacted = "t1/index/" + period + "/" + w.writerId() + "-000000000002c1.idx";
            store.put(compacted, new IndexSegment("t1", period, merged).encode());
            old.forEach(store::delete);

            assertEquals(new SyncResult(1, 2), r.syncIndex());
            assertEquals(List.of("1 a", "2 b"), readAll(r, "t1", APP, Direction.FORWARD));
            assertEquals(List.of("3 w"), readAll(r, "t1", WEB, Direction.FORWARD));
            assertEquals(new SyncResult(1, 2), w.syncIndex(), "the writer forgets its old segments too");
            assertEquals(List.of("1 a", "2 b"), readAll(w, "t1", APP, Direction.FORWARD));
            assertEquals(2, w.streams("t1", List.of(), 0, 10).size());
        }
    }

    @Test
    void writersOwnFlushesAreNotLoadedTwiceEvenWithConcurrentSyncs() throws Exception {
        try (Storage w = writer("w")) {
            AtomicBoolean stop = new AtomicBoolean();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread syncer = new Thread(() -> {
                try {
                    while (!stop.get()) {
                        w.syncIndex();
                        List<String> lines = readAll(w, "t1", APP, Direction.FORWARD);
                        if (new HashSet<>(lines).size() != lines.size()) {
                            throw new AssertionError("duplicates while syncing: " + lines);
                        }
                    }
                } catch (Throwable t) {
                    failure.set(t);
                }
            });
            syncer.start();
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                push(w, "t1", APP, e(i, "line " + i));
                expected.add(i + " line " + i);
                if (i % 3 == 0) {
                    w.flushAll();
                }
            }
            stop.set(true);
            syncer.join();
            if (failure.get() != null) {
                throw new AssertionError(failure.get());
            }
            assertEquals(0, w.syncIndex().added(), "every own segment was registered by the flusher");
            assertEquals(expected, readAll(w, "t1", APP, Direction.FORWARD));
            try (Storage r = reader()) {
                w.flushAll();
                r.syncIndex();
                assertEquals(expected, readAll(r, "t1", APP, Direction.FORWARD));
            }
        }
    }

    @Test
    void anIndexPutThatFailedButLandedIsNotReadTwice() {
        AtomicBoolean failNextIndexPut = new AtomicBoolean(true);
        ObjectStore flaky = new RecordingStore(store) {
            @Override
            public void put(String key, byte[] data) {
                super.put(key, data);
                if (key.endsWith(".idx") && failNextIndexPut.getAndSet(false)) {
                    throw new io.strata.model.StrataException(io.strata.model.ErrorCategory.UNAVAILABLE,
                            "timeout after the object landed");
                }
            }
        };
        List<String> expected = List.of("1 a", "2 b");
        try (Storage w = Storage.open(Fixtures.options(dir.resolve("w"), clock), flaky)) {
            push(w, "t1", APP, e(1, "a"), e(2, "b"));
            org.junit.jupiter.api.Assertions.assertThrows(io.strata.model.StrataException.class, w::flushAll);
            assertEquals(new SyncResult(1, 0), w.syncIndex(), "our own segment, unknown to the flusher");
            assertEquals(expected, readAll(w, "t1", APP, Direction.FORWARD), "pending chunk not doubled");
            w.flushAll();
            assertEquals(expected, readAll(w, "t1", APP, Direction.FORWARD));
            assertEquals(2, w.objectStore().list("t1/index/").size(), "the retry wrote a second segment");
            try (Storage r = reader()) {
                assertEquals(expected, readAll(r, "t1", APP, Direction.FORWARD), "same ref in two segments");
            }
        }
        try (Storage w = Storage.open(Fixtures.options(dir.resolve("w"), clock), store)) {
            assertEquals(expected, readAll(w, "t1", APP, Direction.FORWARD));
        }
    }

    @Test
    void syncListsIndexDirectoriesPerTenantNeverChunks() {
        RecordingStore rec = new RecordingStore(store);
        try (Storage w = writer("w")) {
            push(w, "t1", APP, e(1, "a"));
            push(w, "t2", APP, e(1, "a"));
            w.flushAll();
        }
        try (Storage r = Storage.open(Fixtures.options(dir.resolve("reader"), clock).withReadOnly(true), rec);
                Storage w2 = Storage.open(Fixtures.options(dir.resolve("w2"), clock), rec)) {
            r.syncIndex();
            w2.syncIndex();
            assertEquals(List.of("1 a"), readAll(r, "t2", APP, Direction.FORWARD));
            assertTrue(rec.directoryListings.get() >= 4, "tenants found by listDirectories");
            assertTrue(!rec.listings.isEmpty());
            for (String prefix : rec.listings) {
                assertTrue(prefix.matches("t[12]/index/"), "listed " + prefix);
            }
        }
    }

    @Test
    void backgroundSyncPicksUpNewSegmentsAndSurvivesStoreFailures() throws Exception {
        RecordingStore flaky = new RecordingStore(store);
        try (Storage w = writer("w");
                Storage r = Storage.open(Fixtures.options(dir.resolve("reader"), clock).withReadOnly(true)
                        .withIndexSyncPeriod(Duration.ofMillis(20)), flaky)) {
            flaky.failListings.set(3);
            push(w, "t1", APP, e(7, "seven"));
            w.flushAll();
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (readAll(r, "t1", APP, Direction.FORWARD).isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(List.of("7 seven"), readAll(r, "t1", APP, Direction.FORWARD));
            assertEquals(0, flaky.failListings.get(), "the failing syncs happened and were survived");
        }
    }

    @Test
    void corruptSegmentIsSkippedOnceAndDoesNotBreakOthers() {
        try (Storage w = writer("w")) {
            push(w, "t1", APP, e(1, "a"));
            w.flushAll();
        }
        store.put("t1/index/0/zzz-000000000001.idx", new byte[] {1, 2, 3});
        store.put("t1/index/0/zzz-garbage.idx", new byte[0]);
        try (Storage r = reader()) {
            assertEquals(List.of("1 a"), readAll(r, "t1", APP, Direction.FORWARD));
            long gets = store.gets();
            assertEquals(new SyncResult(0, 0), r.syncIndex());
            assertEquals(gets, store.gets(), "known-bad segments are not fetched again");
        }
    }

    @Test
    void matchersAndTimeBoundsFollowSyncedRefs() {
        try (Storage w = writer("w"); Storage r = reader()) {
            push(w, "t1", APP, e(10, "x"));
            push(w, "t1", WEB, e(20, "y"));
            w.flushAll();
            r.syncIndex();
            assertEquals(List.of(WEB.toString()),
                    r.streams("t1", List.of(Matcher.equal("app", "web")), 0, 100).stream()
                            .map(s -> s.labels().toString()).toList());
            assertEquals(List.of("20 y"), read(r, "t1", WEB, 15, 25, Direction.FORWARD, ScanHints.NONE));
        }
    }

    /** Delegates to another store, recording listings and failing the first N listings on demand. */
    static class RecordingStore implements ObjectStore {
        final ObjectStore inner;
        final List<String> listings = new CopyOnWriteArrayList<>();
        final AtomicInteger directoryListings = new AtomicInteger();
        final AtomicInteger failListings = new AtomicInteger();

        RecordingStore(ObjectStore inner) {
            this.inner = inner;
        }

        @Override
        public void put(String key, byte[] data) {
            inner.put(key, data);
        }

        @Override
        public Optional<byte[]> get(String key) {
            return inner.get(key);
        }

        @Override
        public List<String> list(String prefix) {
            listings.add(prefix);
            return inner.list(prefix);
        }

        @Override
        public List<String> listDirectories(String prefix) {
            directoryListings.incrementAndGet();
            if (failListings.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new io.strata.model.StrataException(io.strata.model.ErrorCategory.UNAVAILABLE,
                        "object store recording unavailable: injected");
            }
            return inner.listDirectories(prefix);
        }

        @Override
        public void delete(String key) {
            inner.delete(key);
        }

        @Override
        public String describe() {
            return "recording";
        }
    }
}
