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

/**
 * The live source of a tail in a process that takes no pushes ({@code read}, {@code backend}):
 * each {@link #poll} reads the reader (store + the writers' recent data) forward from a little
 * before now and offers the entries not offered before to the {@link TailSession}, which applies
 * the selector, access filter, pipeline, {@code delay_for} and limits as for pushed streams.
 *
 * <p>The window starts {@value #LOOKBACK_SECONDS} s before the poll (never before the end of the
 * history replay), so entries that reach a writer a few seconds after their timestamp are still
 * tailed; entries already offered are remembered (stream fingerprint, timestamp, 64-bit hash and
 * length of the line; no line copy for entries seen before) until they fall out of the window. Entries pushed with timestamps older than the window are not tailed
 * (Loki's ingester tails them; the query API returns them). One poller per session; not
 * thread-safe (the caller runs one poll at a time).
 */
public final class TailPoller {
    static final int LOOKBACK_SECONDS = 5;
    private static final long LOOKBACK_NANOS = LOOKBACK_SECONDS * 1_000_000_000L;
    /** Entries up to this far in the future are tailed (Loki's default creation grace period is 10 m). */
    private static final long FUTURE_NANOS = 3_600_000_000_000L;

    private record Seen(long fingerprint, long timestampNanos, long lineHash, int lineLength) {}

    private final LogReader reader;
    private final String tenant;
    private final List<Matcher> matchers;
    private final TailSession session;
    private final long notBeforeNanos;
    private final Set<Seen> offered = new HashSet<>();

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
        offered.removeIf(seen -> seen.timestampNanos() < from);
        long through = nowNanos + FUTURE_NANOS;
        int n = 0;
        for (StreamInfo s : reader.streams(tenant, matchers, from, through)) {
            List<LogEntry> fresh = new ArrayList<>();
            try (EntryIterator it = reader.entries(tenant, s, from, through, Direction.FORWARD, ScanHints.NONE)) {
                while (it.next()) {
                    long ts = it.timestamp();
                    Seen seen = new Seen(s.fingerprint(), ts, hash(it.lineBuffer(), it.lineOffset(), it.lineLength()),
                            it.lineLength());
                    if (offered.add(seen)) {
                        fresh.add(new LogEntry(ts, it.line(), it.metadata()));
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

    /** 64-bit FNV-1a of the line bytes. */
    static long hash(byte[] b, int off, int len) {
        long h = 0xcbf29ce484222325L;
        for (int i = off; i < off + len; i++) {
            h = (h ^ (b[i] & 0xff)) * 0x100000001b3L;
        }
        return h;
    }

    /** Entries remembered as offered (for tests). */
    int remembered() {
        return offered.size();
    }
}
