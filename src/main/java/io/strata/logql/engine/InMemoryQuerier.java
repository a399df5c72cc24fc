package io.strata.logql.engine;

import io.strata.model.Direction;
import io.strata.model.EntryIterator;
import io.strata.model.Labels;
import io.strata.model.LogEntry;
import io.strata.model.PushStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A {@link Querier} over entries held in memory: the fake the script tests and benchmarks use.
 * Mutable while loading; call {@link #push} from one thread, then query from any number of
 * threads (entries are sorted lazily under this object's monitor).
 */
public final class InMemoryQuerier implements Querier {
    private final Map<Labels, MemoryStream> streams = new TreeMap<>();

    /** Adds one entry; an identical entry (same timestamp and line) of the same stream is ignored. */
    public synchronized void push(Labels labels, LogEntry entry) {
        streams.computeIfAbsent(labels, l -> new MemoryStream()).add(entry);
    }

    public synchronized void push(PushStream stream) {
        for (LogEntry e : stream.entries()) {
            push(stream.labels(), e);
        }
    }

    @Override
    public synchronized List<SelectedStream> selectLogs(SelectLogParams params) {
        List<SelectedStream> out = new ArrayList<>();
        for (Map.Entry<Labels, MemoryStream> e : streams.entrySet()) {
            if (!e.getKey().matches(params.matchers())) {
                continue;
            }
            MemoryStream s = e.getValue();
            s.seal();
            int from = s.lowerBound(params.startNanos());
            int to = s.lowerBound(params.endNanos());
            if (from >= to) {
                continue;
            }
            out.add(new SelectedStream(e.getKey(), () -> new MemoryCursor(s, from, to, params.direction())));
        }
        return out;
    }

    /** Entries of one stream; sorted by timestamp (stable, so push order breaks ties). */
    private static final class MemoryStream {
        private final List<LogEntry> pending = new ArrayList<>();
        private long[] timestamps = new long[0];
        private byte[][] lines = new byte[0][];
        private Labels[] metadata = new Labels[0];
        private final java.util.Set<String> seen = new java.util.HashSet<>();

        void add(LogEntry e) {
            if (seen.add(e.timestampNanos() + "\u0000" + e.line())) {
                pending.add(e);
            }
        }

        void seal() {
            if (pending.isEmpty()) {
                return;
            }
            List<LogEntry> all = new ArrayList<>(timestamps.length + pending.size());
            for (int i = 0; i < timestamps.length; i++) {
                all.add(new LogEntry(timestamps[i], new String(lines[i], StandardCharsets.UTF_8), metadata[i]));
            }
            all.addAll(pending);
            pending.clear();
            all.sort(Comparator.comparingLong(LogEntry::timestampNanos));
            int n = all.size();
            timestamps = new long[n];
            lines = new byte[n][];
            metadata = new Labels[n];
            for (int i = 0; i < n; i++) {
                LogEntry e = all.get(i);
                timestamps[i] = e.timestampNanos();
                lines[i] = e.line().getBytes(StandardCharsets.UTF_8);
                metadata[i] = e.metadata();
            }
        }

        /** First index whose timestamp is at least {@code ts}. */
        int lowerBound(long ts) {
            int i = Arrays.binarySearch(timestamps, ts);
            if (i < 0) {
                return -i - 1;
            }
            while (i > 0 && timestamps[i - 1] == ts) {
                i--;
            }
            return i;
        }
    }

    private static final class MemoryCursor implements EntryIterator {
        private final MemoryStream s;
        private final int from;
        private final int to;
        private final boolean forward;
        private int i;

        MemoryCursor(MemoryStream s, int from, int to, Direction direction) {
            this.s = s;
            this.from = from;
            this.to = to;
            this.forward = direction == Direction.FORWARD;
            this.i = forward ? from - 1 : to;
        }

        @Override
        public boolean next() {
            if (forward) {
                return ++i < to;
            }
            return --i >= from;
        }

        @Override
        public long timestamp() {
            return s.timestamps[i];
        }

        @Override
        public byte[] lineBuffer() {
            return s.lines[i];
        }

        @Override
        public int lineOffset() {
            return 0;
        }

        @Override
        public int lineLength() {
            return s.lines[i].length;
        }

        @Override
        public Labels metadata() {
            return s.metadata[i];
        }

        @Override
        public void close() {}
    }
}
