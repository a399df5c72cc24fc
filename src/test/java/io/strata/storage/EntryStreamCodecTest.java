package io.strata.storage;

import static io.strata.storage.Fixtures.APP;
import static io.strata.storage.Fixtures.WEB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.model.Direction;
import io.strata.model.EntryIterator;
import io.strata.model.ErrorCategory;
import io.strata.model.Labels;
import io.strata.model.LogEntry;
import io.strata.model.PushStream;
import io.strata.model.StrataException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The wire format writers use to ship entries and stream lists to readers. */
class EntryStreamCodecTest {
    @TempDir
    Path dir;

    private static byte[] encode(List<LogEntry> entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        EntryStreamCodec.write(new ListEntries(entries), out);
        return out.toByteArray();
    }

    private static List<LogEntry> decode(InputStream in) {
        List<LogEntry> out = new ArrayList<>();
        try (EntryIterator it = EntryStreamCodec.read(in)) {
            while (it.next()) {
                out.add(new LogEntry(it.timestamp(), it.line(), it.metadata()));
            }
            assertFalse(it.next(), "stays exhausted");
        }
        return out;
    }

    private static List<LogEntry> sample() {
        return List.of(new LogEntry(1_700_000_000_000_000_000L, "first", Labels.of("trace_id", "abc", "user", "u1")),
                new LogEntry(1_700_000_000_000_000_000L, "same ts, no metadata"),
                new LogEntry(1_699_999_999_000_000_000L, "older (backward order: negative delta)"),
                new LogEntry(-5, ""),
                new LogEntry(Long.MAX_VALUE, "ünïcødé ✓ 日本"));
    }

    @Test
    void entriesRoundTripInTheOrderWritten() {
        List<LogEntry> entries = sample();
        assertEquals(entries, decode(new ByteArrayInputStream(encode(entries))));
        assertEquals(List.of(), decode(new ByteArrayInputStream(encode(List.of()))));
    }

    @Test
    void largeLinesAndManyEntriesRoundTripThroughASlowStream() {
        Random r = new Random(3);
        List<LogEntry> entries = new ArrayList<>();
        char[] big = new char[300_000];
        Arrays.fill(big, 'x');
        entries.add(new LogEntry(1, new String(big), Labels.of("k", "v".repeat(100_000))));
        for (int i = 0; i < 20_000; i++) {
            entries.add(new LogEntry(2 + i * 1000L + r.nextInt(1000), "line " + i + " " + Long.toHexString(r.nextLong())));
        }
        byte[] bytes = encode(entries);
        assertTrue(bytes.length < 300_000 + 100_000 + 20_000 * 40, "compact: " + bytes.length);
        InputStream slow = new FilterInputStream(new ByteArrayInputStream(bytes)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(len, 7));
            }
        };
        assertEquals(entries, decode(slow));
    }

    @Test
    void readingIsLazy() {
        List<LogEntry> entries = new ArrayList<>();
        for (int i = 0; i < 50_000; i++) {
            entries.add(new LogEntry(i, "a fairly ordinary log line number " + i));
        }
        byte[] bytes = encode(entries);
        long[] consumed = {0};
        InputStream counting = new FilterInputStream(new ByteArrayInputStream(bytes)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                consumed[0] += Math.max(0, n);
                return n;
            }
        };
        try (EntryIterator it = EntryStreamCodec.read(counting)) {
            assertTrue(it.next());
            assertEquals("a fairly ordinary log line number 0", it.line());
            assertTrue(consumed[0] <= 128 * 1024, "read " + consumed[0] + " of " + bytes.length);
        }
    }

    @Test
    void everyTruncationFailsUnavailableInsteadOfEndingQuietly() {
        byte[] bytes = encode(sample());
        for (int n = 0; n < bytes.length; n++) {
            byte[] cut = Arrays.copyOf(bytes, n);
            StrataException e = assertThrows(StrataException.class, () -> decode(new ByteArrayInputStream(cut)),
                    "prefix of " + n + " bytes");
            assertEquals(ErrorCategory.UNAVAILABLE, e.category());
        }
    }

    @Test
    void everyFlippedByteFailsUnavailable() {
        byte[] bytes = encode(sample());
        for (int i = 0; i < bytes.length; i++) {
            for (int mask : new int[] {0x01, 0x80, 0xFF}) {
                byte[] bad = bytes.clone();
                bad[i] ^= (byte) mask;
                StrataException e = assertThrows(StrataException.class, () -> decode(new ByteArrayInputStream(bad)),
                        "byte " + i + " flipped with " + mask);
                assertEquals(ErrorCategory.UNAVAILABLE, e.category());
            }
        }
    }

    @Test
    void brokenConnectionFailsUnavailableAndCloseClosesTheInput() {
        boolean[] closed = {false};
        InputStream broken = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("connection reset");
            }

            @Override
            public void close() {
                closed[0] = true;
            }
        };
        StrataException e = assertThrows(StrataException.class, () -> decode(broken));
        assertEquals(ErrorCategory.UNAVAILABLE, e.category());
        assertTrue(e.getMessage().contains("connection reset"), e.getMessage());
        assertTrue(closed[0]);
    }

    @Test
    void storageEntriesSurviveTheWire() {
        try (Storage s = Storage.open(Fixtures.options(dir, Fixtures.clock()), new InMemoryObjectStore())) {
            List<LogEntry> pushed = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                pushed.add(new LogEntry(i * 10L, "entry " + i, i % 7 == 0 ? Labels.of("n", "" + i) : Labels.EMPTY));
            }
            s.append("t1", List.of(new PushStream(APP, pushed.subList(0, 250))));
            s.flushAll();
            s.append("t1", List.of(new PushStream(APP, pushed.subList(250, 500))));
            for (Direction d : Direction.values()) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                try (EntryIterator it = s.entries("t1", new StreamInfo(APP.fingerprint(), APP), 0, Long.MAX_VALUE, d,
                        ScanHints.NONE)) {
                    EntryStreamCodec.write(it, out);
                }
                List<LogEntry> expected = new ArrayList<>(pushed);
                if (d == Direction.BACKWARD) {
                    expected = expected.reversed();
                }
                assertEquals(expected, decode(new ByteArrayInputStream(out.toByteArray())), d.toString());
            }
        }
    }

    @Test
    void streamListsRoundTripAndFailUnavailableWhenDamaged() {
        List<StreamInfo> streams = List.of(new StreamInfo(APP.fingerprint(), APP), new StreamInfo(WEB.fingerprint(), WEB),
                new StreamInfo(Labels.EMPTY.fingerprint(), Labels.EMPTY));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        EntryStreamCodec.writeStreams(streams, out);
        byte[] bytes = out.toByteArray();
        assertEquals(streams, EntryStreamCodec.readStreams(new ByteArrayInputStream(bytes)));
        ByteArrayOutputStream empty = new ByteArrayOutputStream();
        EntryStreamCodec.writeStreams(List.of(), empty);
        assertEquals(List.of(), EntryStreamCodec.readStreams(new ByteArrayInputStream(empty.toByteArray())));
        for (int n = 0; n < bytes.length; n++) {
            byte[] cut = Arrays.copyOf(bytes, n);
            StrataException e = assertThrows(StrataException.class,
                    () -> EntryStreamCodec.readStreams(new ByteArrayInputStream(cut)));
            assertEquals(ErrorCategory.UNAVAILABLE, e.category());
        }
        byte[] bad = bytes.clone();
        bad[bytes.length / 2] ^= 1;
        assertThrows(StrataException.class, () -> EntryStreamCodec.readStreams(new ByteArrayInputStream(bad)));
    }
}
