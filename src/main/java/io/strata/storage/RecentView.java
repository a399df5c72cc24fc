package io.strata.storage;

import io.strata.model.Direction;
import io.strata.model.EntryIterator;
import io.strata.model.Matcher;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What a writer serves to readers of the object store ({@link Storage#recentReader}): per stream,
 * the head (open and sealed blocks), cut but unflushed chunks, and the chunks this process flushed
 * within the retain period. Streams without such data in the range are not listed.
 */
final class RecentView implements LogReader {
    private final Map<String, TenantIndex> tenants;
    private final ObjectStore store;
    private final ChunkCache cache;
    private final RecentFlushes recent;
    private final Clock clock;
    private final long retainMillis;
    private final Consumer<String> validate;
    private final StreamScan.Counters counters;

    RecentView(Map<String, TenantIndex> tenants, ObjectStore store, ChunkCache cache, RecentFlushes recent,
            Clock clock, long retainMillis, Consumer<String> validate, StreamScan.Counters counters) {
        this.tenants = tenants;
        this.store = store;
        this.cache = cache;
        this.recent = recent;
        this.clock = clock;
        this.retainMillis = retainMillis;
        this.validate = validate;
        this.counters = counters;
    }

    private long since() {
        return clock.millis() - retainMillis;
    }

    @Override
    public List<StreamInfo> streams(String tenant, List<Matcher> matchers, long fromNanos, long throughNanos) {
        validate.accept(tenant);
        TenantIndex idx = tenants.get(tenant);
        if (idx == null || fromNanos >= throughNanos) {
            return List.of();
        }
        long since = since();
        List<StreamInfo> out = new ArrayList<>();
        for (StoredStream s : idx.select(matchers)) {
            if (s.hasHeadDataIn(fromNanos, throughNanos) || recent.hasIn(s, since, fromNanos, throughNanos)) {
                out.add(s.info);
            }
        }
        out.sort(Comparator.comparing(StreamInfo::labels));
        return out;
    }

    @Override
    public EntryIterator entries(String tenant, StreamInfo stream, long fromNanos, long throughNanos,
            Direction direction, ScanHints hints) {
        validate.accept(tenant);
        TenantIndex idx = tenants.get(tenant);
        StoredStream s = idx == null ? null : idx.get(stream.labels());
        if (s == null) {
            return EntryIterator.EMPTY;
        }
        return StreamScan.open(s, new HashSet<>(recent.since(s, since()))::contains, store, cache, fromNanos, throughNanos,
                direction, hints == null ? ScanHints.NONE : hints, counters);
    }

    /**
     * The summaries of what {@link #entries} serves: head and unflushed chunks, and of the flushed
     * chunks only those this process flushed within the retain period (a reader has the rest from
     * its own index, and drops these when its index already lists them).
     */
    @Override
    public List<ChunkSummary> chunkSummaries(String tenant, StreamInfo stream, long fromNanos, long throughNanos) {
        validate.accept(tenant);
        TenantIndex idx = tenants.get(tenant);
        StoredStream s = idx == null ? null : idx.get(stream.labels());
        if (s == null) {
            return List.of();
        }
        List<ChunkSummary> all = ChunkSummary.collect(s, fromNanos, throughNanos);
        List<ChunkRef> retained = null;
        List<ChunkSummary> out = new ArrayList<>(all.size());
        for (ChunkSummary c : all) {
            if (c.flushed()) {
                if (retained == null) {
                    retained = recent.since(s, since());
                }
                if (!isRetained(c, retained)) {
                    continue;
                }
            }
            out.add(c);
        }
        return out;
    }

    private static boolean isRetained(ChunkSummary c, List<ChunkRef> retained) {
        for (ChunkRef r : retained) {
            if (r.from() == c.fromNanos() && r.through() == c.throughNanos() && r.rawBytes() == c.bytes()
                    && r.entries() == c.entries() && r.compressedBytes() == c.compressedBytes()) {
                return true;
            }
        }
        return false;
    }
}
