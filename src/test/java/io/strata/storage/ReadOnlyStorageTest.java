package io.strata.storage;

import static io.strata.storage.Fixtures.APP;
import static io.strata.storage.Fixtures.e;
import static io.strata.storage.Fixtures.push;
import static io.strata.storage.Fixtures.readAll;
import static io.strata.storage.Fixtures.select;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.model.Direction;
import io.strata.model.ErrorCategory;
import io.strata.model.StrataException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Read-only storage (scale-out read/backend roles): no WAL, no writer id, no writes, serves the synced index. */
class ReadOnlyStorageTest {
    @TempDir
    Path dir;

    private final TestClock clock = Fixtures.clock();
    private final InMemoryObjectStore store = new InMemoryObjectStore();

    @Test
    void readOnlyStorageCreatesNoWalAndRefusesWrites() throws Exception {
        Path data = dir.resolve("reader");
        try (Storage r = Storage.open(Fixtures.options(data, clock).withReadOnly(true), store)) {
            assertTrue(r.readOnly());
            assertNull(r.writerId());
            StrataException ex = assertThrows(StrataException.class, () -> push(r, "t1", APP, e(1, "x")));
            assertEquals(ErrorCategory.UNAVAILABLE, ex.category());
            assertEquals("this instance does not accept writes", ex.getMessage());
            r.flushAll(); // nothing to flush, no failure
            assertEquals(0, r.activeStreams("t1"));
        }
        assertTrue(Files.isDirectory(data));
        assertFalse(Files.exists(data.resolve("wal")));
        assertFalse(Files.exists(data.resolve("writer-id")));
        assertEquals(0, store.size(), "a reader writes nothing to the store");
    }

    @Test
    void readerServesWhatTheWriterFlushedOnceSynced() {
        try (Storage w = Storage.open(Fixtures.options(dir.resolve("w"), clock), store)) {
            push(w, "t1", APP, e(1, "one"), e(2, "two"));
            w.flushAll();
            try (Storage r = Storage.open(Fixtures.options(dir.resolve("r"), clock).withReadOnly(true), store)) {
                assertEquals(List.of("1 one", "2 two"), readAll(r, "t1", APP, Direction.FORWARD), "loaded at open");
                push(w, "t1", APP, e(3, "three"));
                assertEquals(2, readAll(r, "t1", APP, Direction.FORWARD).size(), "head data is not in the store");
                w.flushAll();
                assertEquals(new SyncResult(1, 0), r.syncIndex());
                assertEquals(List.of("3 three", "2 two", "1 one"), readAll(r, "t1", APP, Direction.BACKWARD));
                assertEquals(1, select(r, "t1").size());
                assertEquals(new SyncResult(0, 0), r.syncIndex(), "nothing new");
            }
        }
    }

    @Test
    void readOnlyStorageOverALocalDiskStoreOfAnotherDataDir() {
        Path shared = dir.resolve("shared-store");
        try (LocalDiskObjectStore disk = new LocalDiskObjectStore(shared);
                Storage w = Storage.open(Fixtures.options(dir.resolve("w"), clock), disk)) {
            push(w, "t1", APP, e(5, "five"));
            w.flushAll();
            try (Storage r = Storage.open(Fixtures.options(dir.resolve("r"), clock).withReadOnly(true),
                    new LocalDiskObjectStore(shared))) {
                assertEquals(List.of("5 five"), readAll(r, "t1", APP, Direction.FORWARD));
            }
        }
    }
}
