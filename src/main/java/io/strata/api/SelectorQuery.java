package io.strata.api;

import io.strata.model.Direction;
import io.strata.model.EntryIterator;
import io.strata.model.Labels;
import io.strata.model.Matcher;
import io.strata.storage.LogReader;
import io.strata.storage.ScanHints;
import io.strata.storage.StreamInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Runs a plain stream selector over the read seam: opens one cursor per matching stream, merges
 * them by timestamp in the requested direction, applies {@code interval} thinning, and stops at
 * {@code limit} entries in total. Only this bounded result is materialised. A stop-gap until the
 * full LogQL engine ({@code query} package) serves log queries.
 */
final class SelectorQuery {
    /** One returned entry; {@code streamIndex} points into {@link Result#streams()}. */
    record Entry(int streamIndex, long timestampNanos, String line, Labels metadata) {}

    record Result(List<StreamInfo> streams, List<Entry> entries, long bytesProcessed, long linesProcessed) {}

    private SelectorQuery() {}

    static Result run(LogReader reader, String tenant, List<Matcher> matchers, long fromNanos, long throughNanos,
            Direction direction, int limit, long intervalNanos) {
        List<StreamInfo> streams = reader.streams(tenant, matchers, fromNanos, throughNanos);
        List<Entry> out = new ArrayList<>(Math.min(limit, 1024));
        long bytes = 0;
        long lines = 0;
        boolean forward = direction == Direction.FORWARD;
        PriorityQueue<Cursor> heap = new PriorityQueue<>(Math.max(1, streams.size()), (a, b) -> {
            int c = Long.compare(a.ts, b.ts);
            if (c == 0) {
                c = Integer.compare(a.index, b.index);
                return c;
            }
            return forward ? c : -c;
        });
        List<EntryIterator> open = new ArrayList<>(streams.size());
        try {
            for (int i = 0; i < streams.size(); i++) {
                EntryIterator it = reader.entries(tenant, streams.get(i), fromNanos, throughNanos, direction,
                        ScanHints.NONE);
                open.add(it);
                if (it.next()) {
                    heap.add(new Cursor(i, it, it.timestamp()));
                }
            }
            long lastReturned = 0;
            boolean any = false;
            while (!heap.isEmpty() && out.size() < limit) {
                Cursor c = heap.poll();
                EntryIterator it = c.it;
                long ts = it.timestamp();
                lines++;
                bytes += it.lineLength();
                boolean take = intervalNanos <= 0 || !any
                        || (forward ? ts >= lastReturned + intervalNanos : ts <= lastReturned - intervalNanos);
                if (take) {
                    out.add(new Entry(c.index, ts, it.line(), it.metadata()));
                    lastReturned = ts;
                    any = true;
                }
                if (it.next()) {
                    c.ts = it.timestamp();
                    heap.add(c);
                }
            }
        } finally {
            for (EntryIterator it : open) {
                it.close();
            }
        }
        return new Result(streams, out, bytes, lines);
    }

    private static final class Cursor {
        final int index;
        final EntryIterator it;
        long ts;

        Cursor(int index, EntryIterator it, long ts) {
            this.index = index;
            this.it = it;
            this.ts = ts;
        }
    }
}
