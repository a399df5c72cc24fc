package io.strata.storage;

import static io.strata.storage.Fixtures.APP;
import static io.strata.storage.Fixtures.WEB;
import static io.strata.storage.Fixtures.e;
import static io.strata.storage.Fixtures.push;
import static io.strata.storage.Fixtures.readAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.model.Direction;
import io.strata.model.Labels;
import io.strata.model.LogEntry;
import io.strata.model.Matcher;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A delete request rewrites exactly the matching lines out of the store. */
class LineDeletionTest {
    @TempDir
    Path dir;

    private final TestClock clock = Fixtures.clock();
    private final InMemoryObjectStore store = new InMemoryObjectStore();
    private final ChunkRewriter rewriter = new ChunkRewriter(256);

    private static final LineDeletion.FilterFactory SECRET = labels -> (ts, buf, off, len, md) ->
            new String(buf, off, len, StandardCharsets.UTF_8).contains("secret");

    private long t0() {
        return clock.millis() * 1_000_000;
    }

    /** 100 lines per stream (every 10th says "secret"), in blocks of ~256 bytes. */
    private List<String> fill(StorageOptions o) {
        List<String> app = new ArrayList<>();
        try (Storage s = Storage.open(o, store)) {
            List<LogEntry> a = new ArrayList<>();
            List<LogEntry> w = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                String line = (i % 10 == 0 ? "secret token " : "request ") + i;
                a.add(e(t0() + i, line));
                w.add(e(t0() + i, line));
                app.add((t0() + i) + " " + line);
            }
            s.append("t1", List.of(Fixtures.stream(APP, a.toArray(LogEntry[]::new))));
            s.append("t1", List.of(Fixtures.stream(WEB, w.toArray(LogEntry[]::new))));
            s.flushAll();
        }
        return app;
    }

    private List<String> read(Labels labels) {
        try (Storage r = Storage.open(Fixtures.options(dir.resolve("r" + System.nanoTime()), clock).withSizes(1_572_864L,
                256), store)) {
            return readAll(r, "t1", labels, Direction.FORWARD);
        }
    }

    @Test
    void matchingLinesInTheRangeAreRemovedAndNothingElse() {
        StorageOptions o = Fixtures.options(dir.resolve("w"), clock).withSizes(1_572_864L, 256);
        List<String> app = fill(o);
        List<String> web = read(WEB);
        long start = t0() + 20;
        long end = t0() + 60; // inclusive: line 60 is a secret too
        LineDeletion.Result r = LineDeletion.apply(store, "t1", List.of(Matcher.equal("app", "api")), start, end,
                SECRET, rewriter, clock.millis() + 1000);
        assertEquals(5, r.entriesDeleted(), "secrets 20, 30, 40, 50, 60");
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            if (!(i % 10 == 0 && i >= 20 && i <= 60)) {
                expected.add(app.get(i));
            }
        }
        assertEquals(expected, read(APP));
        assertEquals(web, read(WEB), "another stream is untouched");
        assertEquals(1, ChunkDeletionMarkers.pending(store, "t1").size());
        ChunkDeletionMarkers.sweep(store, "t1", clock.millis() + 1000);
        assertEquals(expected, read(APP), "the new chunk does not need the old object");
        // the writer restarts: the rewritten chunk keeps the WAL range, so nothing comes back
        try (Storage s = Storage.open(o, store)) {
            assertEquals(expected, readAll(s, "t1", APP, Direction.FORWARD));
        }
        // processing again changes nothing
        assertEquals(0, LineDeletion.apply(store, "t1", List.of(Matcher.equal("app", "api")), start, end, SECRET,
                rewriter, clock.millis()).entriesDeleted());
    }

    @Test
    void withoutLineFiltersTheWholeRangeGoesAndEmptyChunksLeaveTheIndex() {
        StorageOptions o = Fixtures.options(dir.resolve("w"), clock);
        fill(o);
        LineDeletion.Result r = LineDeletion.apply(store, "t1", List.of(Matcher.equal("env", "prod")), t0(),
                t0() + 1_000, labels -> null, rewriter, clock.millis());
        assertEquals(200, r.entriesDeleted());
        assertEquals(List.of(), read(APP));
        assertEquals(List.of(), read(WEB));
        assertTrue(store.list("t1/index/").isEmpty(), "segments without refs are removed");
    }
}
