package io.strata.storage;

import static io.strata.storage.Fixtures.APP;
import static io.strata.storage.Fixtures.WEB;
import static io.strata.storage.Fixtures.e;
import static io.strata.storage.Fixtures.push;
import static io.strata.storage.Fixtures.readAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.model.Direction;
import io.strata.model.Labels;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Retention drops wholly expired chunks from the index and deletes their objects after the delay. */
class RetentionTest {
    @TempDir
    Path dir;

    private final TestClock clock = Fixtures.clock();
    private final InMemoryObjectStore store = new InMemoryObjectStore();

    private static Retention.Policy policy(Duration app, Duration web) {
        return new Retention.Policy() {
            @Override
            public Duration periodFor(Labels labels) {
                return labels.get("app").equals("api") ? app : web;
            }

            @Override
            public Duration minPeriod() {
                Duration min = Duration.ZERO;
                for (Duration d : List.of(app, web)) {
                    if (d.toNanos() > 0 && (min.isZero() || d.compareTo(min) < 0)) {
                        min = d;
                    }
                }
                return min;
            }
        };
    }

    /** Old entries (t0), then 40 days later new ones; each flushed in its own period. */
    private long[] fill() {
        long old = clock.millis() * 1_000_000;
        try (Storage s = Storage.open(Fixtures.options(dir.resolve("w"), clock), store)) {
            push(s, "t1", APP, e(old, "old api"));
            push(s, "t1", WEB, e(old, "old web"));
            push(s, "t2", APP, e(old, "old api t2"));
            s.flushAll();
            clock.advance(Duration.ofDays(40));
            long fresh = clock.millis() * 1_000_000;
            push(s, "t1", APP, e(fresh, "new api"));
            s.flushAll();
            return new long[] {old, fresh};
        }
    }

    private List<String> lines(String tenant, Labels labels) {
        try (Storage r = Storage.open(Fixtures.options(dir.resolve("r" + System.nanoTime()), clock), store)) {
            return readAll(r, tenant, labels, Direction.FORWARD).stream().map(x -> x.substring(x.indexOf(' ') + 1))
                    .toList();
        }
    }

    @Test
    void expiredChunksLeaveTheIndexAndTheirObjectsGoAfterTheDelay() {
        long[] t = fill();
        long now = clock.millis();
        List<String> chunksBefore = store.list("t1/chunks/");
        assertEquals(3, chunksBefore.size());

        Retention.Result r = Retention.apply(store, "t1", policy(Duration.ofDays(30), Duration.ofDays(30)),
                now * 1_000_000, now + 7_200_000);
        assertEquals(2, r.chunksDropped());
        assertEquals(List.of("new api"), lines("t1", APP));
        assertEquals(List.of(), lines("t1", WEB));
        assertEquals(List.of("old api t2"), lines("t2", APP), "other tenants are untouched");
        assertEquals(3, store.list("t1/chunks/").size(), "objects stay until the delete delay passed");
        assertEquals(1, ChunkDeletionMarkers.pending(store, "t1").size());

        assertEquals(0, ChunkDeletionMarkers.sweep(store, "t1", now + 7_199_999));
        assertEquals(2, ChunkDeletionMarkers.sweep(store, "t1", now + 7_200_000));
        assertEquals(1, store.list("t1/chunks/").size());
        assertTrue(ChunkDeletionMarkers.pending(store, "t1").isEmpty());
        assertEquals(List.of("new api"), lines("t1", APP));
        // a second run finds nothing more
        assertEquals(0, Retention.apply(store, "t1", policy(Duration.ofDays(30), Duration.ofDays(30)),
                now * 1_000_000, now).chunksDropped());
        assertTrue(t[1] > t[0]);
    }

    @Test
    void perStreamPeriodsAndZeroMeansForever() {
        fill();
        long now = clock.millis();
        Retention.apply(store, "t1", policy(Duration.ofDays(30), Duration.ZERO), now * 1_000_000, now);
        assertEquals(List.of("new api"), lines("t1", APP));
        assertEquals(List.of("old web"), lines("t1", WEB), "a zero period keeps the stream");

        Retention.apply(store, "t1", policy(Duration.ofDays(60), Duration.ofDays(45)), now * 1_000_000, now);
        assertEquals(List.of("old web"), lines("t1", WEB), "40 days old, 45 days kept");
        Retention.apply(store, "t1", policy(Duration.ZERO, Duration.ofDays(39)), now * 1_000_000, now);
        assertEquals(List.of(), lines("t1", WEB));
    }

    @Test
    void aChunkIsExpiredOnlyWhenWhollyOlderThanThePeriod() {
        long old = clock.millis() * 1_000_000;
        try (Storage s = Storage.open(Fixtures.options(dir.resolve("w"), clock), store)) {
            push(s, "t1", APP, e(old, "first"), e(old + Duration.ofDays(2).toNanos() - 1, "last"));
            s.flushAll();
        }
        long now = clock.millis() + Duration.ofDays(31).toMillis();
        Retention.apply(store, "t1", policy(Duration.ofDays(30), Duration.ZERO), now * 1_000_000, now);
        assertEquals(List.of("first", "last"), lines("t1", APP), "through is only 29 days old");
        now += Duration.ofDays(2).toMillis();
        Retention.apply(store, "t1", policy(Duration.ofDays(30), Duration.ZERO), now * 1_000_000, now);
        assertEquals(List.of(), lines("t1", APP));
        assertFalse(store.list("t1/markers/").isEmpty());
    }
}
