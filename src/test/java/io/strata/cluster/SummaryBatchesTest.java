package io.strata.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.strata.model.Labels;
import io.strata.storage.ChunkSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One batch request per listing instead of one request per stream. */
class SummaryBatchesTest {
    private static final Labels A = Labels.of("app", "a");
    private static final Labels B = Labels.of("app", "b");
    private static final ChunkSummary CA = new ChunkSummary(1, 2, 3, 4, 5, false);
    private static final ChunkSummary CB = new ChunkSummary(6, 7, 8, 9, 10, true);

    @Test
    void theFirstStreamFetchesTheBatchTheOthersReuseIt() {
        SummaryBatches b = new SummaryBatches();
        List<String> fetched = new ArrayList<>();
        SummaryBatches.Fetcher f = (key, selector) -> {
            fetched.add(key.tenant() + " " + selector + " " + key.fromNanos() + "-" + key.throughNanos());
            return Map.of(A, List.of(CA), B, List.of(CB));
        };
        assertNull(b.get("t", A, 0, 10, f), "no listing: ask for the stream alone");
        b.listed("t", 0, 10, "{app=~\"a|b\"}");
        assertEquals(List.of(CA), b.get("t", A, 0, 10, f));
        assertEquals(List.of(CB), b.get("t", B, 0, 10, f));
        assertEquals(List.of("t {app=~\"a|b\"} 0-10"), fetched);
        assertNull(b.get("t", Labels.of("app", "c"), 0, 10, f), "not in the batch: ask for it alone");
        assertNull(b.get("t", A, 0, 11, f), "another range");
        assertNull(b.get("u", A, 0, 10, f), "another tenant");
        // a new listing of the range fetches a fresh batch
        b.listed("t", 0, 10, null);
        assertEquals(List.of(CA), b.get("t", A, 0, 10, f));
        assertEquals("t null 0-10", fetched.get(1));
    }

    @Test
    void aFailedBatchIsTriedAgainByTheNextStream() {
        SummaryBatches b = new SummaryBatches();
        b.listed("t", 0, 10, null);
        int[] calls = new int[1];
        SummaryBatches.Fetcher failing = (key, selector) -> {
            calls[0]++;
            throw new IllegalStateException("writer down");
        };
        assertThrows(IllegalStateException.class, () -> b.get("t", A, 0, 10, failing));
        assertEquals(List.of(CB), b.get("t", B, 0, 10, (key, selector) -> Map.of(B, List.of(CB))));
        assertEquals(1, calls[0]);
    }
}
