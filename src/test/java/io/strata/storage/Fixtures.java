package io.strata.storage;

import io.strata.model.Direction;
import io.strata.model.EntryIterator;
import io.strata.model.Labels;
import io.strata.model.LogEntry;
import io.strata.model.Matcher;
import io.strata.model.PushStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Shared helpers for storage tests. */
final class Fixtures {
    static final Labels APP = Labels.of("app", "api", "env", "prod");
    static final Labels WEB = Labels.of("app", "web", "env", "prod");

    private Fixtures() {}

    /** Options with small sizes, a test clock and long timers (tests drive flushes explicitly). */
    static StorageOptions options(Path dir, TestClock clock) {
        return new StorageOptions(dir, 2, 1_572_864L, 262_144, Duration.ofHours(2), Duration.ofMinutes(30),
                Duration.ofHours(1), Duration.ofHours(24), clock, StorageListener.NOOP);
    }

    static TestClock clock() {
        return new TestClock(Instant.parse("2026-01-01T00:00:00Z"));
    }

    static PushStream stream(Labels labels, LogEntry... entries) {
        return new PushStream(labels, List.of(entries));
    }

    static LogEntry e(long ts, String line) {
        return new LogEntry(ts, line);
    }

    static void push(Storage s, String tenant, Labels labels, LogEntry... entries) {
        s.append(tenant, List.of(stream(labels, entries)));
    }

    /** "ts line" of every entry of the stream in the range and direction. */
    static List<String> read(LogReader r, String tenant, Labels labels, long from, long through, Direction d,
            ScanHints hints) {
        List<String> out = new ArrayList<>();
        try (EntryIterator it = r.entries(tenant, new StreamInfo(labels.fingerprint(), labels), from, through, d,
                hints)) {
            while (it.next()) {
                String md = it.metadata().isEmpty() ? "" : " " + it.metadata();
                out.add(it.timestamp() + " " + it.line() + md);
            }
        }
        return out;
    }

    static List<String> readAll(LogReader r, String tenant, Labels labels, Direction d) {
        return read(r, tenant, labels, Long.MIN_VALUE, Long.MAX_VALUE, d, ScanHints.NONE);
    }

    static List<StreamInfo> select(LogReader r, String tenant, Matcher... m) {
        return r.streams(tenant, List.of(m), Long.MIN_VALUE, Long.MAX_VALUE);
    }
}
