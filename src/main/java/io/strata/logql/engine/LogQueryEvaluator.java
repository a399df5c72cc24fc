package io.strata.logql.engine;

import io.strata.model.Direction;
import io.strata.model.EntryIterator;
import io.strata.model.Labels;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * Runs a log query (LOGQL.md §3.10): every selected stream goes through the pipeline lazily; the
 * surviving entries of all streams are merged in direction order (ties by label string), the
 * global {@code limit} is taken, {@code interval} thins the output, identical entries (same
 * labels, time and line) are returned once, then entries are grouped into streams by their final
 * label set and the streams sorted by label string.
 *
 * <p>With an executor, the streams' pipelines run ahead of the merge in parallel
 * ({@link StreamPrefetch}: batches per stream, pipelines per lane built by {@code lanePipelines});
 * the merge and therefore the result are unchanged, and reading stops once the limit is filled.
 */
final class LogQueryEvaluator {
    private static final int CHECK_EVERY = 1024;

    /** Largest batch of surviving entries a stream computes ahead of the merge. */
    static final int MAX_BATCH = 512;
    /** Smallest first batch: tiny batches cost more in hand-over than they save. */
    static final int MIN_BATCH = 16;
    /** Entries a later batch may read beyond the stream's share of what the limit still needs. */
    static final int SHARE_SLACK = 2;

    private final Querier querier;
    private final QueryGuard guard;
    private final Executor executor;
    private final int lanes;
    private final Supplier<EntryPipeline> lanePipelines;

    LogQueryEvaluator(Querier querier, QueryGuard guard) {
        this(querier, guard, null, 1, null);
    }

    /**
     * @param executor      runs streams' pipelines ahead of the merge, or null for one thread
     * @param lanes         how many pipelines (built by {@code lanePipelines}) the streams share
     * @param lanePipelines builds an independent pipeline of the same query (pipelines are not thread-safe)
     */
    LogQueryEvaluator(Querier querier, QueryGuard guard, Executor executor, int lanes,
            Supplier<EntryPipeline> lanePipelines) {
        this.querier = querier;
        this.guard = guard;
        this.executor = lanePipelines == null ? null : executor;
        this.lanes = Math.max(1, lanes);
        this.lanePipelines = lanePipelines;
    }

    QueryResult.Streams run(Plan.LogSelection plan, long startNanos, long endNanos, int limit, Direction direction,
            long intervalNanos) {
        boolean forward = direction == Direction.FORWARD;
        List<SelectedStream> selected = querier.selectLogs(
                new SelectLogParams(plan.matchers(), startNanos, endNanos, direction, plan.requiredSubstrings()));
        PriorityQueue<Cursor> heap = new PriorityQueue<>((a, b) -> {
            int c = Long.compare(a.timestamp, b.timestamp);
            if (c != 0) {
                return forward ? c : -c;
            }
            return a.labelString().compareTo(b.labelString());
        });
        List<Cursor> open = new ArrayList<>();
        Map<Labels, List<QueryResult.Entry>> byLabels = new LinkedHashMap<>();
        AtomicBoolean stopped = new AtomicBoolean();
        int[] taken = {0};
        try {
            if (executor != null && selected.size() > 1) {
                int maxBatch = Math.max(1, Math.min(limit, MAX_BATCH));
                int firstBatch = Math.max(MIN_BATCH, limit / selected.size() + 1); // each stream's fair share
                // a later batch reads at most a stream's share of what the limit still needs (+ slack)
                int streams = selected.size();
                IntSupplier share = () -> (limit - taken[0]) / streams + SHARE_SLACK;
                StreamPrefetch.Lane[] lane = new StreamPrefetch.Lane[Math.min(lanes, selected.size())];
                lane[0] = new StreamPrefetch.Lane(plan.pipeline());
                for (int i = 1; i < lane.length; i++) {
                    lane[i] = new StreamPrefetch.Lane(lanePipelines.get());
                }
                for (int i = 0; i < selected.size(); i++) {
                    SelectedStream s = selected.get(i);
                    StreamPrefetch p = new StreamPrefetch(s, lane[i % lane.length], guard, stopped, executor,
                            firstBatch, maxBatch);
                    open.add(new Cursor(p, s.labels(), share));
                    p.start();
                }
            } else {
                for (SelectedStream s : selected) {
                    open.add(new Cursor(s.open(), plan.pipeline().forStream(s.labels()), s.labels(), guard));
                }
            }
            for (Cursor c : open) {
                if (c.advance()) {
                    heap.add(c);
                }
            }
            long last = 0;
            boolean first = true;
            long sameTs = Long.MIN_VALUE;
            Set<String> sameTsSeen = new HashSet<>();
            while (taken[0] < limit && !heap.isEmpty()) {
                Cursor c = heap.poll();
                long ts = c.timestamp;
                boolean emit = true;
                if (ts != sameTs) {
                    sameTs = ts;
                    sameTsSeen.clear();
                }
                if (!sameTsSeen.add(c.labelString() + '\u0000' + c.line)) {
                    emit = false;
                } else if (intervalNanos > 0 && !first) {
                    emit = forward ? ts >= last + intervalNanos : ts <= last - intervalNanos;
                }
                if (emit) {
                    byLabels.computeIfAbsent(c.labels, l -> new ArrayList<>()).add(new QueryResult.Entry(ts, c.line,
                            c.streamLabels, c.metadata, c.parsed));
                    taken[0]++;
                    last = ts;
                    first = false;
                }
                if (c.advance()) {
                    heap.add(c);
                }
            }
        } finally {
            stopped.set(true);
            for (Cursor c : open) {
                c.close();
            }
        }
        List<QueryResult.LogStream> streams = new ArrayList<>(byLabels.size());
        byLabels.forEach((l, e) -> streams.add(new QueryResult.LogStream(l, e)));
        streams.sort((a, b) -> a.labels().toString().compareTo(b.labels().toString()));
        return new QueryResult.Streams(streams);
    }

    /**
     * One stream's entries after the pipeline, read here or taken from a {@link StreamPrefetch};
     * holds the current surviving entry.
     */
    private static final class Cursor implements AutoCloseable {
        private final EntryIterator it;
        private final EntryPipeline.ForStream pipeline;
        private final StreamPrefetch prefetch;
        private final Labels streamLabels;
        private final QueryGuard guard;
        private final IntSupplier share;
        private StreamPrefetch.Batch batch;
        private int index;
        private int seen;
        long timestamp;
        String line;
        Labels labels;
        Labels metadata;
        Labels parsed;
        private Labels stringOf;
        private String labelString;

        Cursor(EntryIterator it, EntryPipeline.ForStream pipeline, Labels streamLabels, QueryGuard guard) {
            this.it = it;
            this.pipeline = pipeline;
            this.prefetch = null;
            this.share = null;
            this.streamLabels = streamLabels;
            this.guard = guard;
        }

        Cursor(StreamPrefetch prefetch, Labels streamLabels, IntSupplier share) {
            this.share = share;
            this.it = null;
            this.pipeline = null;
            this.prefetch = prefetch;
            this.streamLabels = streamLabels;
            this.guard = null;
        }

        boolean advance() {
            if (prefetch != null) {
                while (batch == null || index == batch.size) {
                    if (batch != null && batch.last) {
                        return false;
                    }
                    batch = prefetch.take(share.getAsInt());
                    index = 0;
                }
                int i = index++;
                if (i == batch.size / 2 && !batch.last) {
                    prefetch.prefetch(share.getAsInt());
                }
                timestamp = batch.timestamps[i];
                line = batch.lines[i];
                labels = batch.labels[i];
                metadata = batch.metadata[i];
                parsed = batch.parsed[i];
                return true;
            }
            while (it.next()) {
                if (++seen % CHECK_EVERY == 0) {
                    guard.check();
                }
                if (pipeline.process(it.timestamp(), it.lineBuffer(), it.lineOffset(), it.lineLength(), it.metadata())) {
                    timestamp = it.timestamp();
                    line = pipeline.line();
                    labels = pipeline.labels();
                    metadata = pipeline.structuredMetadata();
                    parsed = pipeline.parsed();
                    return true;
                }
            }
            return false;
        }

        String labelString() {
            if (labels != stringOf) {
                stringOf = labels;
                labelString = labels.toString();
            }
            return labelString;
        }

        @Override
        public void close() {
            if (prefetch != null) {
                prefetch.close();
            } else {
                it.close();
            }
        }
    }
}
