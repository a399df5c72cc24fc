package io.strata.storage;

import io.strata.model.Direction;
import io.strata.model.EntryIterator;
import io.strata.model.Labels;
import io.strata.model.Matcher;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Combines {@link LogReader}s: the object store's view plus writers' recent data (scale-out
 * {@code read}/{@code backend} roles), without duplicates.
 */
public final class LogReaders {
    private static final int MAX_REMEMBERED = 100_000;
    private static final long FORGET_NANOS = 5L * 60 * 1_000_000_000;

    private LogReaders() {}

    /** {@link #merged(LogReader, List, Consumer)} that ignores failures of the other sources. */
    public static LogReader merged(LogReader store, List<LogReader> others) {
        return merged(store, others, e -> {});
    }

    /**
     * A reader over {@code store} and {@code others}, safe to share between concurrent queries.
     * {@code streams} is the union by labels (sorted by labels); {@code entries} asks only the
     * sources that listed the stream in some {@code streams} call of this reader during the last
     * few minutes (all sources when the stream is not remembered) and merges their
     * cursors in the direction, dropping an entry whose timestamp and line bytes equal an entry
     * already emitted at that timestamp (Loki's replica dedup). An other source that fails, when
     * listing, opening or mid-iteration, is skipped and reported to {@code onError}; failures of
     * {@code store} propagate. With a single source asked its cursor is returned as is.
     */
    public static LogReader merged(LogReader store, List<LogReader> others, Consumer<RuntimeException> onError) {
        List<LogReader> sources = new ArrayList<>(others.size() + 1);
        sources.add(store);
        sources.addAll(others);
        return new Merged(List.copyOf(sources), onError);
    }

    private record Key(String tenant, Labels labels) {}

    private static final class Merged implements LogReader {
        private final List<LogReader> sources;
        private final Consumer<RuntimeException> onError;
        // who listed which stream, in two generations rotated every few minutes (bounded memory;
        // whatever a query listed stays remembered for at least one generation)
        private volatile Map<Key, boolean[]> listedBy = new ConcurrentHashMap<>();
        private volatile Map<Key, boolean[]> previous = Map.of();
        private volatile long rotatedAt = System.nanoTime();

        Merged(List<LogReader> sources, Consumer<RuntimeException> onError) {
            this.sources = sources;
            this.onError = onError;
        }

        private void report(RuntimeException e) {
            try {
                onError.accept(e);
            } catch (RuntimeException ignored) {
                // a failing reporter must not fail the query
            }
        }

        @Override
        public List<StreamInfo> streams(String tenant, List<Matcher> matchers, long fromNanos, long throughNanos) {
            TreeMap<Labels, StreamInfo> union = new TreeMap<>();
            Map<Labels, boolean[]> by = new java.util.HashMap<>();
            for (int i = 0; i < sources.size(); i++) {
                List<StreamInfo> listed;
                if (i == 0) {
                    listed = sources.get(0).streams(tenant, matchers, fromNanos, throughNanos);
                } else {
                    try {
                        listed = sources.get(i).streams(tenant, matchers, fromNanos, throughNanos);
                    } catch (RuntimeException e) {
                        report(e);
                        continue;
                    }
                }
                for (StreamInfo s : listed) {
                    union.putIfAbsent(s.labels(), s);
                    by.computeIfAbsent(s.labels(), l -> new boolean[sources.size()])[i] = true;
                }
            }
            if (sources.size() > 1) {
                rotateIfDue(by.size());
                // OR, never replace: a concurrent query over another range must not hide a source
                // that listed the stream for this query
                Map<Key, boolean[]> current = listedBy;
                by.forEach((labels, mask) -> current.merge(new Key(tenant, labels), mask, Merged::or));
            }
            return new ArrayList<>(union.values());
        }

        private synchronized void rotateIfDue(int adding) {
            long now = System.nanoTime();
            if (listedBy.size() + adding > MAX_REMEMBERED / 2 || now - rotatedAt > FORGET_NANOS) {
                rotatedAt = now;
                previous = listedBy;
                listedBy = new ConcurrentHashMap<>();
            }
        }

        private static boolean[] or(boolean[] a, boolean[] b) {
            if (a == null || b == null) {
                return a == null ? b : a;
            }
            boolean[] out = a.clone();
            for (int i = 0; i < out.length; i++) {
                out[i] |= b[i];
            }
            return out;
        }

        @Override
        public EntryIterator entries(String tenant, StreamInfo stream, long fromNanos, long throughNanos,
                Direction direction, ScanHints hints) {
            if (sources.size() == 1) {
                return sources.get(0).entries(tenant, stream, fromNanos, throughNanos, direction, hints);
            }
            Key key = new Key(tenant, stream.labels());
            boolean[] mask = or(listedBy.get(key), previous.get(key)); // null: not remembered, ask all
            List<EntryIterator> its = new ArrayList<>();
            List<Boolean> fromStore = new ArrayList<>();
            try {
                for (int i = 0; i < sources.size(); i++) {
                    if (mask != null && !mask[i]) {
                        continue;
                    }
                    if (i == 0) {
                        its.add(sources.get(0).entries(tenant, stream, fromNanos, throughNanos, direction, hints));
                        fromStore.add(true);
                        continue;
                    }
                    try {
                        its.add(sources.get(i).entries(tenant, stream, fromNanos, throughNanos, direction, hints));
                        fromStore.add(false);
                    } catch (RuntimeException e) {
                        report(e);
                    }
                }
            } catch (RuntimeException e) {
                its.forEach(DedupMerge::closeQuietly);
                throw e;
            }
            if (its.isEmpty()) {
                return EntryIterator.EMPTY;
            }
            if (its.size() == 1 && fromStore.get(0)) {
                return its.get(0);
            }
            boolean[] store = new boolean[its.size()];
            for (int i = 0; i < store.length; i++) {
                store[i] = fromStore.get(i);
            }
            return new DedupMerge(its.toArray(new EntryIterator[0]), store, direction, this::report);
        }

        /**
         * The store's summaries plus those of the sources that listed the stream (as {@link #entries}
         * picks them; each writer sends its head, unflushed and recently flushed chunks, no lines),
         * dropping a summary equal to one already taken: a chunk a writer flushed that the store's
         * index lists too counts once. A failing other source is skipped and reported.
         */
        @Override
        public List<ChunkSummary> chunkSummaries(String tenant, StreamInfo stream, long fromNanos,
                long throughNanos) {
            List<ChunkSummary> fromStore = sources.get(0).chunkSummaries(tenant, stream, fromNanos, throughNanos);
            if (sources.size() == 1) {
                return fromStore;
            }
            Key key = new Key(tenant, stream.labels());
            boolean[] mask = or(listedBy.get(key), previous.get(key)); // null: not remembered, ask all
            List<ChunkSummary> out = null;
            Set<ChunkSummary> seen = null;
            for (int i = 1; i < sources.size(); i++) {
                if (mask != null && !mask[i]) {
                    continue;
                }
                List<ChunkSummary> more;
                try {
                    more = sources.get(i).chunkSummaries(tenant, stream, fromNanos, throughNanos);
                } catch (RuntimeException e) {
                    report(e);
                    continue;
                }
                if (more.isEmpty()) {
                    continue;
                }
                if (out == null) {
                    out = new ArrayList<>(fromStore);
                    seen = new HashSet<>(fromStore);
                }
                for (ChunkSummary c : more) {
                    if (seen.add(c)) {
                        out.add(c);
                    }
                }
            }
            return out == null ? fromStore : out;
        }
    }
}