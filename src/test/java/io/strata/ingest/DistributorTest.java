package io.strata.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.metrics.IngestMetrics;
import io.strata.model.Direction;
import io.strata.model.EntryIterator;
import io.strata.model.ErrorCategory;
import io.strata.model.Labels;
import io.strata.model.LogEntry;
import io.strata.model.StrataException;
import io.strata.storage.ScanHints;
import io.strata.storage.StreamInfo;
import io.strata.tenant.Limits;
import io.strata.tenant.TenantLimits;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DistributorTest {
    static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");
    static final long NOW_NS = NOW.getEpochSecond() * 1_000_000_000L;

    private final InMemoryLogStore store = new InMemoryLogStore();
    private final IngestMetrics metrics = IngestMetrics.unregistered();

    private Distributor distributor(Limits limits) {
        return new Distributor(store, new TenantLimits(limits), Clock.fixed(NOW, ZoneOffset.UTC), metrics);
    }

    private static Limits with(java.util.function.UnaryOperator<Object[]> change) {
        var rc = Limits.class.getRecordComponents();
        Limits d = Limits.defaults();
        Object[] args = new Object[rc.length];
        try {
            for (int i = 0; i < rc.length; i++) {
                args[i] = rc[i].getAccessor().invoke(d);
            }
            args = change.apply(args);
            Class<?>[] types = new Class<?>[rc.length];
            for (int i = 0; i < rc.length; i++) {
                types[i] = rc[i].getType();
            }
            return Limits.class.getDeclaredConstructor(types).newInstance(args);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int index(String component) {
        var rc = Limits.class.getRecordComponents();
        for (int i = 0; i < rc.length; i++) {
            if (rc[i].getName().equals(component)) {
                return i;
            }
        }
        throw new IllegalArgumentException(component);
    }

    private static Limits set(String component, Object value) {
        return with(a -> {
            a[index(component)] = value;
            return a;
        });
    }

    private List<LogEntry> read(String tenant, Labels labels) {
        List<LogEntry> out = new ArrayList<>();
        try (EntryIterator it = store.entries(tenant, new StreamInfo(labels.fingerprint(), labels), 0, Long.MAX_VALUE,
                Direction.FORWARD, ScanHints.NONE)) {
            while (it.next()) {
                out.add(new LogEntry(it.timestamp(), it.line(), it.metadata()));
            }
        }
        return out;
    }

    @Test
    void enrichesWithServiceNameLevelAndSanitisedMetadata() {
        distributor(Limits.defaults()).push("t", List.of(new RawStream("{app=\"api\", empty=\"\"}", List.of(
                new LogEntry(NOW_NS, "{\"level\":\"WARNING\",\"msg\":\"x\"}", Labels.of("http.method", "GET")),
                new LogEntry(NOW_NS + 1, "plain line with ERROR inside"),
                new LogEntry(NOW_NS + 2, "x", Labels.of("detected_level", "INF"))))));
        Labels stream = Labels.of("app", "api", "service_name", "api");
        List<LogEntry> got = read("t", stream);
        assertEquals(3, got.size());
        assertEquals(Labels.of("http_method", "GET", "detected_level", "warn"), got.get(0).metadata());
        assertEquals(Labels.of("detected_level", "error"), got.get(1).metadata());
        assertEquals(Labels.of("detected_level", "info"), got.get(2).metadata());
        assertEquals(3, metrics.linesReceived("t"));
    }

    @Test
    void discoveryCanBeDisabled() {
        Limits l = with(a -> {
            a[index("discoverServiceName")] = List.of("none");
            a[index("discoverLogLevels")] = false;
            return a;
        });
        distributor(l).push("t", List.of(new RawStream("{job=\"j\"}", List.of(new LogEntry(NOW_NS, "error")))));
        assertEquals(Labels.EMPTY, read("t", Labels.of("job", "j")).getFirst().metadata());
        StrataException e = assertThrows(StrataException.class, () -> distributor(l).push("t",
                List.of(new RawStream("{}", List.of(new LogEntry(NOW_NS, "x"))))));
        assertEquals("error at least one label pair is required per stream", e.getMessage());
    }

    @Test
    void repeatedErrorsAreGroupedAndValidEntriesKept() {
        StrataException e = assertThrows(StrataException.class, () -> distributor(Limits.defaults()).push("t",
                List.of(new RawStream("{job=\"j\"}", List.of(new LogEntry(NOW_NS, "ok"), new LogEntry(1, "old"),
                        new LogEntry(2, "old"), new LogEntry(NOW_NS + 3_600_000_000_000L, "new"))))));
        assertEquals(ErrorCategory.BAD_REQUEST, e.category());
        assertTrue(e.getMessage().startsWith("2 errors like: entry for stream '{job=\"j\", service_name=\"j\"}' has "
                + "timestamp too old: 1970-01-01T00:00:00Z"), e.getMessage());
        assertTrue(e.getMessage().contains("; 1 errors like: entry for stream '{job=\"j\", service_name=\"j\"}' has "
                + "timestamp too new: 2026-11-21T13:00:00Z"), e.getMessage());
        assertEquals(1, read("t", Labels.of("job", "j", "service_name", "j")).size());
        assertEquals(2, metrics.discardedSamples("greater_than_max_sample_age", "t"));
    }

    @Test
    void duplicateLabelNamesAndTruncation() {
        StrataException e = assertThrows(StrataException.class, () -> distributor(Limits.defaults()).push("t",
                List.of(new RawStream("{a=\"1\", a=\"2\"}", List.of(new LogEntry(NOW_NS, "x"))))));
        assertEquals("stream '{a=\"1\", a=\"2\", service_name=\"unknown_service\"}' has duplicate label name: 'a'",
                e.getMessage());
        Limits truncating = with(a -> {
            a[index("maxLineSize")] = 10L;
            a[index("maxLineSizeTruncate")] = true;
            return a;
        });
        distributor(truncating).push("t", List.of(new RawStream("{job=\"long\"}",
                List.of(new LogEntry(NOW_NS, "0123456789abcdef")))));
        assertEquals("0123456789", read("t", Labels.of("job", "long", "service_name", "long")).getFirst().line());
    }

    @Test
    void activeStreamLimitRejectsNewStreamsWith429() {
        Distributor d = distributor(set("maxGlobalStreamsPerUser", 2));
        d.push("t", List.of(new RawStream("{s=\"1\"}", List.of(new LogEntry(NOW_NS, "a"))),
                new RawStream("{s=\"2\"}", List.of(new LogEntry(NOW_NS, "b")))));
        StrataException e = assertThrows(StrataException.class, () -> d.push("t", List.of(
                new RawStream("{s=\"1\"}", List.of(new LogEntry(NOW_NS + 1, "c"))),
                new RawStream("{s=\"3\"}", List.of(new LogEntry(NOW_NS, "d"))))));
        assertEquals(ErrorCategory.RATE_LIMITED, e.category());
        assertEquals("maximum active stream limit exceeded when trying to create stream {s=\"3\", "
                + "service_name=\"unknown_service\"}, reduce the number of active streams (reduce labels or reduce "
                + "label values), or contact your Loki administrator to see if the limit can be increased, user: 't'",
                e.getMessage());
        assertEquals(2, read("t", Labels.of("s", "1", "service_name", "unknown_service")).size());
        assertEquals(2, store.activeStreams("t"));
    }

    @Test
    void perStreamRateLimitUsesIngesterMessage() {
        Limits l = with(a -> {
            a[index("perStreamRateLimit")] = 100L;
            a[index("perStreamRateLimitBurst")] = 100L;
            a[index("discoverLogLevels")] = false;
            return a;
        });
        StrataException e = assertThrows(StrataException.class, () -> distributor(l).push("t", List.of(
                new RawStream("{job=\"hot\"}", List.of(new LogEntry(NOW_NS, "x".repeat(80)),
                        new LogEntry(NOW_NS + 1, "y".repeat(80)))))));
        assertEquals(ErrorCategory.RATE_LIMITED, e.category());
        assertEquals("entry with timestamp 2026-11-21 12:00:00.000000001 +0000 UTC ignored, reason: 'Per stream rate "
                + "limit exceeded (limit: 100B/sec) while attempting to ingest for stream '{job=\"hot\", "
                + "service_name=\"hot\"}' totaling 160B, consider splitting a stream via additional labels or contact "
                + "your Loki administrator to see if the limit can be increased',\nuser 't', total ignored: 1 out of 2 "
                + "for stream: {job=\"hot\", service_name=\"hot\"}", e.getMessage());
        assertEquals(1, read("t", Labels.of("job", "hot", "service_name", "hot")).size());
    }

    @Test
    void badLabelsRejectTheWholeRequest() {
        StrataException e = assertThrows(StrataException.class, () -> distributor(Limits.defaults()).push("t", List.of(
                new RawStream("{ok=\"1\"}", List.of(new LogEntry(NOW_NS, "a"))),
                new RawStream("{bad", List.of(new LogEntry(NOW_NS, "b"))))));
        assertEquals("couldn't parse labels: 1:5: parse error: unexpected end of input inside braces", e.getMessage());
        assertEquals(0, store.activeStreams("t"));
    }
}
