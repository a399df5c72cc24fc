package io.strata.cluster;

import io.strata.model.Labels;
import io.strata.storage.ChunkSummary;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One writer's chunk summaries fetched in one request per listing (README.md): a {@code streams}
 * call remembers its selector for {@code (tenant, range)}; the first {@code chunkSummaries} of a
 * stream in that range then asks the writer for every stream of the selector at once, and the
 * others are answered from that batch. A batch is used for {@link #TTL_NANOS} after its listing;
 * a stream not in it (listed by a concurrent query with another selector) gets {@code null}, so the
 * caller asks for it alone. Thread-safe; bounded by dropping expired listings.
 */
final class SummaryBatches {
    static final long TTL_NANOS = 10_000_000_000L;
    private static final int SWEEP_ABOVE = 64;

    record Key(String tenant, long fromNanos, long throughNanos) {}

    private static final class Listing {
        final String selector;
        final long at = System.nanoTime();
        private Map<Labels, List<ChunkSummary>> batch;

        Listing(String selector) {
            this.selector = selector;
        }

        synchronized Map<Labels, List<ChunkSummary>> batch(Key key, Fetcher fetcher) {
            if (batch == null) {
                batch = fetcher.fetch(key, selector);
            }
            return batch;
        }
    }

    /** Fetches every stream's summaries of {@code selector} (null: all streams) in the key's range. */
    interface Fetcher {
        Map<Labels, List<ChunkSummary>> fetch(Key key, String selector);
    }

    private final Map<Key, Listing> listings = new ConcurrentHashMap<>();

    void listed(String tenant, long fromNanos, long throughNanos, String selector) {
        if (listings.size() > SWEEP_ABOVE) {
            long now = System.nanoTime();
            listings.values().removeIf(l -> now - l.at > TTL_NANOS);
        }
        listings.put(new Key(tenant, fromNanos, throughNanos), new Listing(selector));
    }

    /**
     * The stream's summaries from the batch of its range's latest listing (fetched now if not yet),
     * or null when there is no fresh listing or the batch lacks the stream.
     */
    List<ChunkSummary> get(String tenant, Labels stream, long fromNanos, long throughNanos, Fetcher fetcher) {
        Key key = new Key(tenant, fromNanos, throughNanos);
        Listing l = listings.get(key);
        if (l == null || System.nanoTime() - l.at > TTL_NANOS) {
            return null;
        }
        return l.batch(key, fetcher).get(stream);
    }
}
