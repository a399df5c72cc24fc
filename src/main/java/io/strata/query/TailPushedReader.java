package io.strata.query;

import io.strata.model.Direction;
import io.strata.model.EntryIterator;
import io.strata.model.Labels;
import io.strata.model.LogEntry;
import io.strata.model.Matcher;
import io.strata.model.PushStream;
import io.strata.storage.LogReader;
import io.strata.storage.ScanHints;
import io.strata.storage.StreamInfo;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One pushed stream seen through the read seam, so that a reader wrapper (the delete filter)
 * can be applied to live entries exactly as to stored ones. Entries come in push order (the
 * direction is ignored); the time range is honoured.
 */
final class TailPushedReader implements LogReader {
    private final PushStream stream;

    TailPushedReader(PushStream stream) {
        this.stream = stream;
    }

    StreamInfo info() {
        return new StreamInfo(stream.labels().fingerprint(), stream.labels());
    }

    @Override
    public List<StreamInfo> streams(String tenant, List<Matcher> matchers, long fromNanos, long throughNanos) {
        return stream.labels().matches(matchers) ? List.of(info()) : List.of();
    }

    @Override
    public EntryIterator entries(String tenant, StreamInfo info, long fromNanos, long throughNanos,
            Direction direction, ScanHints hints) {
        List<LogEntry> entries = stream.entries();
        return new EntryIterator() {
            private int i = -1;
            private byte[] line;

            @Override
            public boolean next() {
                while (++i < entries.size()) {
                    long t = entries.get(i).timestampNanos();
                    if (t >= fromNanos && t < throughNanos) {
                        line = entries.get(i).line().getBytes(StandardCharsets.UTF_8);
                        return true;
                    }
                }
                return false;
            }

            @Override
            public long timestamp() {
                return entries.get(i).timestampNanos();
            }

            @Override
            public byte[] lineBuffer() {
                return line;
            }

            @Override
            public int lineOffset() {
                return 0;
            }

            @Override
            public int lineLength() {
                return line.length;
            }

            @Override
            public Labels metadata() {
                return entries.get(i).metadata();
            }

            @Override
            public void close() {}
        };
    }
}
