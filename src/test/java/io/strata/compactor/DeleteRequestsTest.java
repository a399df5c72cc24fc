package io.strata.compactor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.model.StrataException;
import io.strata.storage.DeleteRequestRecord;
import io.strata.storage.DeleteRequestStore;
import io.strata.storage.InMemoryObjectStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The delete API's checks, texts, sharding and cancellation rules, as Loki's request handler. */
class DeleteRequestsTest {
    private static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");
    private Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final InMemoryObjectStore store = new InMemoryObjectStore();

    private DeleteRequests requests() {
        return new DeleteRequests(new DeleteRequestStore(store), clock, Duration.ofHours(24), Duration.ofHours(24));
    }

    private static String error(Runnable r) {
        StrataException e = assertThrows(StrataException.class, r::run);
        return e.category().httpStatus() + " " + e.getMessage();
    }

    @Test
    void parametersAreCheckedInLokisOrderWithLokisTexts() {
        DeleteRequests d = requests();
        String start = Long.toString(NOW.getEpochSecond() - 3600);
        assertEquals("400 query not set", error(() -> d.add("t", "", start, "", "")));
        assertEquals("400 invalid query expression", error(() -> d.add("t", "{app=", start, "", "")));
        assertEquals("400 invalid query expression", error(() -> d.add("t", "count_over_time({a=\"b\"}[1m])", start, "", "")));
        assertEquals("400 start time not set", error(() -> d.add("t", "{a=\"b\"}", "", "", "")));
        assertEquals("400 invalid start time: require unix seconds or RFC3339 format",
                error(() -> d.add("t", "{a=\"b\"}", start + "000", "", "")));
        assertEquals("400 invalid end time: require unix seconds or RFC3339 format",
                error(() -> d.add("t", "{a=\"b\"}", start, "yesterday", "")));
        assertEquals("400 deletes in the future are not allowed",
                error(() -> d.add("t", "{a=\"b\"}", start, Long.toString(NOW.getEpochSecond() + 60), "")));
        assertEquals("400 start time can't be greater than or equal to end time",
                error(() -> d.add("t", "{a=\"b\"}", start, start, "")));
        assertEquals("400 invalid max_interval: valid time units are 's', 'm', 'h'",
                error(() -> d.add("t", "{a=\"b\"} |= \"x\"", start, "", "1d")));
        assertEquals("400 max_interval can't be greater than 24h0m0s",
                error(() -> d.add("t", "{a=\"b\"} |= \"x\"", "1700000000", "", "25h")));
        assertEquals("400 max_interval can't be greater than the interval to be deleted (1h0m0s)",
                error(() -> d.add("t", "{a=\"b\"} |= \"x\"", start, "", "2h")));
        assertTrue(d.list("t", "", "").isEmpty());
    }

    @Test
    void requestsAreStoredListedAndShardedByIntervalWhenTheyHaveLineFilters() {
        DeleteRequests d = requests();
        String id = d.add("t", "{a=\"b\"}", "2026-11-21T09:00:00Z", "", "");
        assertTrue(id.matches("[0-9a-f]{8}"), id);
        clock = Clock.offset(clock, Duration.ofSeconds(1)); // listed by creation time
        String id2 = requests().add("t", "{a=\"b\"} |= \"secret\"", Long.toString(NOW.getEpochSecond() - 3 * 3600),
                Long.toString(NOW.getEpochSecond()), "1h");
        List<DeleteRequestRecord> all = d.list("t", null, null);
        assertEquals(2, all.size());
        assertEquals(id, all.get(0).id());
        assertEquals(1, all.get(0).shards().size());
        assertEquals(NOW.toEpochMilli() - 3 * 3_600_000, all.get(0).startMillis());
        assertEquals(NOW.toEpochMilli(), all.get(0).endMillis(), "end defaults to now");
        assertEquals("received", all.get(0).status());
        assertEquals(3, all.get(1).shards().size(), "3h in 1h shards");
        assertEquals(id2, all.get(1).id());
        assertTrue(d.list("t2", null, null).isEmpty(), "per tenant");
        assertEquals(2, d.list("t", Long.toString(NOW.getEpochSecond() - 600), Long.toString(NOW.getEpochSecond())).size());
        assertEquals(0, d.list("t", "1600000000", "1600000001").size(), "both bounds filter by overlap");
        assertEquals(2, d.forQuery("t").size());
    }

    @Test
    void unalignedRangesShardLikeLoki() {
        long h = 3_600_000;
        List<DeleteRequestRecord.Shard> s = DeleteRequests.shards(Duration.ofHours(1), 10 * h + 1000, 12 * h + 5);
        assertEquals(List.of(new DeleteRequestRecord.Shard(10 * h + 1000, 11 * h, false),
                new DeleteRequestRecord.Shard(11 * h, 12 * h, false), new DeleteRequestRecord.Shard(12 * h, 12 * h + 5, false)), s);
        DeleteRequestRecord r = new DeleteRequestRecord("abcd0123", "{a=\"b\"}", 1, s).withProcessed(0);
        assertEquals("33% Complete", r.status());
        assertEquals("processed", r.withProcessed(1).withProcessed(2).status());
    }

    @Test
    void cancellationFollowsLoki() {
        DeleteRequests d = requests();
        String id = d.add("t", "{a=\"b\"}", "1763700000", "", "");
        assertEquals("404 could not find delete request with given id", error(() -> d.cancel("t", "ffffffff", false)));
        assertEquals("404 could not find delete request with given id", error(() -> d.cancel("t2", id, false)));
        assertEquals("404 could not find delete request with given id", error(() -> d.cancel("t", "", false)));
        d.cancel("t", id, false);
        assertTrue(d.list("t", null, null).isEmpty());

        String late = d.add("t", "{a=\"b\"}", "1763700000", "", "");
        clock = Clock.offset(clock, Duration.ofHours(25));
        DeleteRequests after = requests();
        assertEquals("400 Cancellation of partially completed delete request or delete request past the deadline of "
                + "24h0m0s since its creation is not allowed. To force, use the ?force query parameter",
                error(() -> after.cancel("t", late, false)));
        after.cancel("t", late, true);
        assertTrue(after.list("t", null, null).isEmpty());

        DeleteRequestStore st = new DeleteRequestStore(store);
        st.put("t", new DeleteRequestRecord("00000001", "{a=\"b\"}", clock.millis(),
                List.of(new DeleteRequestRecord.Shard(0, 1000, true))));
        assertEquals("400 deletion of request which is in process or already processed is not allowed",
                error(() -> after.cancel("t", "00000001", true)));
    }
}
