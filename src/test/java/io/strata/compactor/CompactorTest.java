package io.strata.compactor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.model.Direction;
import io.strata.model.EntryIterator;
import io.strata.model.Labels;
import io.strata.model.LogEntry;
import io.strata.model.PushStream;
import io.strata.storage.DeleteRequestStore;
import io.strata.storage.InMemoryObjectStore;
import io.strata.storage.LogReader;
import io.strata.storage.ObjectStore;
import io.strata.storage.ScanHints;
import io.strata.storage.Storage;
import io.strata.storage.StorageOptions;
import io.strata.storage.StreamInfo;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A compactor run: delete requests filter queries at once and are processed (lines rewritten out
 * of the store) after the cancel period; retention drops old chunks per tenant and stream.
 */
class CompactorTest {
    private static final Labels API = Labels.of("app", "api");
    private static final Labels WEB = Labels.of("app", "web");

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-10-01T00:00:00Z"));
    private ObjectStore store;

    /** The store under test; {@link CompactorLocalDiskTest} runs the same cases on local disk. */
    ObjectStore newStore(Path root) {
        return new InMemoryObjectStore();
    }

    @BeforeEach
    void openStore() {
        store = newStore(dir.resolve("store"));
    }

    static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private StorageOptions options(String name) {
        return StorageOptions.defaults(dir.resolve(name)).withShards(1).withClock(clock);
    }

    private static List<String> lines(LogReader r, String tenant, Labels labels) {
        List<String> out = new ArrayList<>();
        try (EntryIterator it = r.entries(tenant, new StreamInfo(labels.fingerprint(), labels), Long.MIN_VALUE,
                Long.MAX_VALUE, Direction.FORWARD, ScanHints.NONE)) {
            while (it.next()) {
                out.add(it.line());
            }
        }
        return out;
    }

    private List<String> stored(String tenant, Labels labels) {
        try (Storage r = Storage.open(options("reader" + System.nanoTime()), store)) {
            return lines(r, tenant, labels);
        }
    }

    private static void push(Storage s, String tenant, Labels labels, long tsNanos, String... lines) {
        List<LogEntry> e = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            e.add(new LogEntry(tsNanos + i, lines[i]));
        }
        s.append(tenant, List.of(new PushStream(labels, e)));
    }

    private Compactor compactor(DeleteRequests deletes, Map<String, TenantSettings> settings) {
        CompactorOptions o = CompactorOptions.defaults().withRetention(true);
        return new Compactor(store, o, t -> settings.getOrDefault(t, TenantSettings.DEFAULTS), deletes, clock, null);
    }

    @Test
    void deleteRequestsFilterQueriesAtOnceAndRewriteTheStoreAfterTheCancelPeriod() {
        long t = clock.millis() * 1_000_000 - Duration.ofHours(2).toNanos();
        try (Storage s = Storage.open(options("w"), store)) {
            push(s, "t1", API, t, "login ok user=a", "password=hunter2 user=b", "logout user=a", "password=x user=c");
            push(s, "t1", WEB, t, "password=hunter2 on web");
            push(s, "t2", API, t, "password=hunter2 other tenant");
            s.flushAll();
        }
        DeleteRequests deletes = new DeleteRequests(new DeleteRequestStore(store), clock, Duration.ofHours(24),
                Duration.ofHours(24));
        String start = Long.toString(clock.instant().getEpochSecond() - 3 * 3600);
        deletes.add("t1", "{app=\"api\"} |= \"password\" | logfmt | user=\"b\"", start, "", "");

        try (Storage r = Storage.open(options("q"), store)) {
            DeleteFilter filtered = new DeleteFilter(r, deletes::forQuery);
            assertEquals(List.of("login ok user=a", "logout user=a", "password=x user=c"), lines(filtered, "t1", API));
            assertEquals(List.of("password=hunter2 on web"), lines(filtered, "t1", WEB));
            assertEquals(List.of("password=hunter2 other tenant"), lines(filtered, "t2", API));
            assertEquals(4, lines(r, "t1", API).size(), "unfiltered reader still has the line");
            // index stats and volumes: the index still counts the chunk until compaction rewrites it (as Loki's)
            io.strata.storage.StreamInfo api = new io.strata.storage.StreamInfo(API.fingerprint(), API);
            assertEquals(r.chunkSummaries("t1", api, 0, Long.MAX_VALUE),
                    filtered.chunkSummaries("t1", api, 0, Long.MAX_VALUE));
            assertEquals(1, filtered.chunkSummaries("t1", api, 0, Long.MAX_VALUE).size());
        }

        Compactor c = compactor(deletes, Map.of());
        assertEquals(0, c.runOnce().entriesDeleted(), "not before the cancel period");
        assertEquals(4, stored("t1", API).size());
        clock.advance(Duration.ofHours(25));
        Compactor.RunResult run = c.runOnce();
        assertEquals(1, run.entriesDeleted());
        assertEquals(1, run.requestsProcessed());
        assertEquals(List.of("login ok user=a", "logout user=a", "password=x user=c"), stored("t1", API));
        assertEquals(List.of("password=hunter2 on web"), stored("t1", WEB));
        assertEquals("processed", deletes.list("t1", null, null).get(0).status());
        assertEquals(0, c.runOnce().requestsProcessed(), "processed once");
    }

    @Test
    void filterOnlyTenantsAreFilteredButNotRewritten() {
        long t = clock.millis() * 1_000_000 - Duration.ofHours(2).toNanos();
        try (Storage s = Storage.open(options("w"), store)) {
            push(s, "t1", API, t, "a", "b");
            s.flushAll();
        }
        DeleteRequests deletes = new DeleteRequests(new DeleteRequestStore(store), clock, Duration.ofHours(24),
                Duration.ofHours(24));
        deletes.add("t1", "{app=\"api\"}", Long.toString(clock.instant().getEpochSecond() - 3 * 3600), "", "");
        clock.advance(Duration.ofHours(25));
        compactor(deletes, Map.of("t1", new TenantSettings(Duration.ZERO, List.of(), "filter-only"))).runOnce();
        assertEquals(List.of("a", "b"), stored("t1", API));
        try (Storage r = Storage.open(options("q"), store)) {
            assertEquals(List.of(), lines(new DeleteFilter(r, deletes::forQuery), "t1", API));
        }
    }

    @Test
    void retentionByTenantAndByStreamSelector() {
        long old = clock.millis() * 1_000_000;
        try (Storage s = Storage.open(options("w"), store)) {
            push(s, "t1", API, old, "old api");
            push(s, "t1", WEB, old, "old web");
            push(s, "t2", API, old, "old t2");
            s.flushAll();
            clock.advance(Duration.ofDays(40));
            push(s, "t1", API, clock.millis() * 1_000_000, "new api");
            s.flushAll();
        }
        DeleteRequests deletes = new DeleteRequests(new DeleteRequestStore(store), clock, Duration.ofHours(24),
                Duration.ofHours(24));
        Map<String, TenantSettings> settings = Map.of("t1", new TenantSettings(Duration.ofDays(30),
                List.of(new TenantSettings.StreamRule("{app=\"web\"}", 1, Duration.ofDays(60))), "filter-and-delete"));
        Compactor.RunResult r = compactor(deletes, settings).runOnce();
        assertEquals(1, r.chunksExpired());
        assertEquals(List.of("new api"), stored("t1", API));
        assertEquals(List.of("old web"), stored("t1", WEB), "the stream rule keeps web for 60 days");
        assertEquals(List.of("old t2"), stored("t2", API), "t2 keeps everything (retention_period 0s)");
        assertEquals(3, store.list("t1/chunks/").size(), "deleted only after retention_delete_delay");
        clock.advance(Duration.ofHours(2));
        assertEquals(1, compactor(deletes, settings).runOnce().chunksSwept());
        assertEquals(2, store.list("t1/chunks/").size());
        assertTrue(store.list("t1/markers/").isEmpty());
    }
}
