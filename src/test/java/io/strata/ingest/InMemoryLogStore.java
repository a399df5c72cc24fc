package io.strata.ingest;

import io.strata.model.Direction;
import io.strata.model.EntryIterator;
import io.strata.model.Labels;
import io.strata.model.LogEntry;
import io.strata.model.Matcher;
import io.strata.model.PushStream;
import io.strata.storage.LogReader;
import io.strata.storage.LogWriter;
import io.strata.storage.ScanHints;
import io.strata.storage.StreamInfo;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A volatile {@link LogWriter}/{@link LogReader} that keeps everything in memory (not durable).
 * A fake for tests of code above the storage seams. Entries of a
 * stream are kept sorted by timestamp (stable for equal timestamps); an entry identical to the
 * previous one of its stream is dropped, as the seam requires. Thread-safe (one lock per stream).
 */
public final class InMemoryLogStore implements LogWriter, LogReader {
    private final Map<String, Map<Labels, StreamData>> tenants = new ConcurrentHashMap<>();

    private static final class StreamData {
        final StreamInfo info;
        final List<LogEntry> entries = new ArrayList<>();
        LogEntry last;

        StreamData(Labels labels) {
            this.info = new StreamInfo(labels.fingerprint(), labels);
        }
    }

    @Override
    public void append(String tenant, List<PushStream> streams) {
        Map<Labels, StreamData> t = tenants.computeIfAbsent(tenant, k -> new ConcurrentHashMap<>());
        for (PushStream s : streams) {
            StreamData d = t.computeIfAbsent(s.labels(), StreamData::new);
            synchronized (d) {
                for (LogEntry e : s.entries()) {
                    if (e.equals(d.last)) {
                        continue;
                    }
                    d.last = e;
                    int i = d.entries.size();
                    while (i > 0 && d.entries.get(i - 1).timestampNanos() > e.timestampNanos()) {
                        i--;
                    }
                    d.entries.add(i, e);
                }
            }
        }
    }

    @Override
    public long activeStreams(String tenant) {
        Map<Labels, StreamData> t = tenants.get(tenant);
        return t == null ? 0 : t.size();
    }

    @Override
    public boolean isActive(String tenant, Labels labels) {
        Map<Labels, StreamData> t = tenants.get(tenant);
        return t != null && t.containsKey(labels);
    }

    @Override
    public List<StreamInfo> streams(String tenant, List<Matcher> matchers, long fromNanos, long throughNanos) {
        Map<Labels, StreamData> t = tenants.get(tenant);
        if (t == null) {
            return List.of();
        }
        List<StreamInfo> out = new ArrayList<>();
        for (StreamData d : t.values()) {
            if (!d.info.labels().matches(matchers)) {
                continue;
            }
            synchronized (d) {
                for (LogEntry e : d.entries) {
                    if (e.timestampNanos() >= fromNanos && e.timestampNanos() < throughNanos) {
                        out.add(d.info);
                        break;
                    }
                }
            }
        }
        out.sort(Comparator.comparing(StreamInfo::labels));
        return out;
    }

    @Override
    public EntryIterator entries(String tenant, StreamInfo stream, long fromNanos, long throughNanos,
            Direction direction, ScanHints hints) {
        Map<Labels, StreamData> t = tenants.get(tenant);
        StreamData d = t == null ? null : t.get(stream.labels());
        if (d == null) {
            return EntryIterator.EMPTY;
        }
        List<LogEntry> selected = new ArrayList<>();
        synchronized (d) {
            for (LogEntry e : d.entries) {
                if (e.timestampNanos() >= fromNanos && e.timestampNanos() < throughNanos) {
                    selected.add(e);
                }
            }
        }
        if (direction == Direction.BACKWARD) {
            java.util.Collections.reverse(selected);
        }
        return new ListIterator(selected);
    }

    private static final class ListIterator implements EntryIterator {
        private final List<LogEntry> entries;
        private int i = -1;
        private byte[] line;

        ListIterator(List<LogEntry> entries) {
            this.entries = entries;
        }

        @Override
        public boolean next() {
            i++;
            line = null;
            return i < entries.size();
        }

        @Override
        public long timestamp() {
            return entries.get(i).timestampNanos();
        }

        @Override
        public byte[] lineBuffer() {
            if (line == null) {
                line = entries.get(i).line().getBytes(StandardCharsets.UTF_8);
            }
            return line;
        }

        @Override
        public int lineOffset() {
            return 0;
        }

        @Override
        public int lineLength() {
            return lineBuffer().length;
        }

        @Override
        public Labels metadata() {
            return entries.get(i).metadata();
        }

        @Override
        public String line() {
            return entries.get(i).line();
        }

        @Override
        public void close() {}
    }
}
