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

/**
 * Runs a log query (LOGQL.md §3.10): every selected stream goes through the pipeline lazily; the
 * surviving entries of all streams are merged in direction order (ties by label string), the
 * global {@code limit} is taken, {@code interval} thins the output, identical entries (same
 * labels, time and line) are returned once, then entries are grouped into streams by their final
 * label set and the streams sorted by label string.
 */
final class LogQueryEvaluator {
    private static final int CHECK_EVERY = 1024;

    private final Querier querier;
    private final QueryGuard guard;

    LogQueryEvaluator(Querier querier, QueryGuard guard) {
        this.querier = querier;
        this.guard = guard;
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
        try {
            for (SelectedStream s : selected) {
                Cursor c = new Cursor(s.open(), plan.pipeline().forStream(s.labels()), s.labels(), guard);
                open.add(c);
                if (c.advance()) {
                    heap.add(c);
                }
            }
            int taken = 0;
            long last = 0;
            boolean first = true;
            long sameTs = Long.MIN_VALUE;
            Set<String> sameTsSeen = new HashSet<>();
            while (taken < limit && !heap.isEmpty()) {
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
                    taken++;
                    last = ts;
                    first = false;
                }
                if (c.advance()) {
                    heap.add(c);
                }
            }
        } finally {
            for (Cursor c : open) {
                c.close();
            }
        }
        List<QueryResult.LogStream> streams = new ArrayList<>(byLabels.size());
        byLabels.forEach((l, e) -> streams.add(new QueryResult.LogStream(l, e)));
        streams.sort((a, b) -> a.labels().toString().compareTo(b.labels().toString()));
        return new QueryResult.Streams(streams);
    }

    /** One stream's entries after the pipeline; holds the current surviving entry. */
    private static final class Cursor implements AutoCloseable {
        private final EntryIterator it;
        private final EntryPipeline.ForStream pipeline;
        private final Labels streamLabels;
        private final QueryGuard guard;
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
            this.streamLabels = streamLabels;
            this.guard = guard;
        }

        boolean advance() {
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
            it.close();
        }
    }
}
