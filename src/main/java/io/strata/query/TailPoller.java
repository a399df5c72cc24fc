package io.strata.query;

import io.strata.model.Direction;
import io.strata.model.EntryIterator;
import io.strata.model.LogEntry;
import io.strata.model.Matcher;
import io.strata.model.PushStream;
import io.strata.storage.LogReader;
import io.strata.storage.ScanHints;
import io.strata.storage.StreamInfo;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * The live source of a tail in a process that takes no pushes ({@code read}, {@code backend}):
 * each {@link #poll} reads the reader (store + the writers' recent data) forward from a little
 * before now and offers the entries not offered before to the {@link TailSession}, which applies
 * the selector, access filter, pipeline, {@code delay_for} and limits as for pushed streams.
 *
 * <p>The window starts {@value #LOOKBACK_SECONDS} s before the poll (never before the end of the
 * history replay), so entries that reach a writer a few seconds after their timestamp are still
 * tailed; entries already offered are remembered (stream fingerprint, timestamp, line) until they
 * fall out of the window. Entries pushed with timestamps older than the window are not tailed
 * (Loki's ingester tails them; the query API returns them). One poller per session; not
 * thread-safe (the caller runs one poll at a time).
 */
public final class TailPoller {
    static final int LOOKBACK_SECONDS = 5;
    private static final long LOOKBACK_NANOS = LOOKBACK_SECONDS * 1_000_000_000L;
    /** Entries up to this far in the future are tailed (Loki's default creation grace period is 10 m). */
    private static final long FUTURE_NANOS = 3_600_000_000_000L;

    private record Seen(long fingerprint, String line) {}

    private final LogReader reader;
    private final String tenant;
    private final List<Matcher> matchers;
    private final TailSession session;
    private final long notBeforeNanos;
    private final TreeMap<Long, Set<Seen>> offered = new TreeMap<>();

    /** @param notBeforeNanos the end of the history replay: older entries are never offered */
    public TailPoller(LogReader reader, String tenant, TailSession session, long notBeforeNanos) {
        this.reader = reader;
        this.tenant = tenant;
        this.matchers = session.matchers();
        this.session = session;
        this.notBeforeNanos = notBeforeNanos;
    }

    /** Reads what arrived since the last poll and offers it to the session; returns the number offered. */
    public int poll(long nowNanos) {
        long from = Math.max(notBeforeNanos, nowNanos - LOOKBACK_NANOS);
        offered.headMap(from).clear();
        long through = nowNanos + FUTURE_NANOS;
        int n = 0;
        for (StreamInfo s : reader.streams(tenant, matchers, from, through)) {
            List<LogEntry> fresh = new ArrayList<>();
            try (EntryIterator it = reader.entries(tenant, s, from, through, Direction.FORWARD, ScanHints.NONE)) {
                while (it.next()) {
                    long ts = it.timestamp();
                    String line = it.line();
                    if (offered.computeIfAbsent(ts, t -> new HashSet<>()).add(new Seen(s.fingerprint(), line))) {
                        fresh.add(new LogEntry(ts, line, it.metadata()));
                    }
                }
            }
            if (!fresh.isEmpty()) {
                session.offer(new PushStream(s.labels(), fresh));
                n += fresh.size();
            }
        }
        return n;
    }

    /** Entries remembered as offered (for tests). */
    int remembered() {
        return offered.values().stream().mapToInt(Set::size).sum();
    }
}
