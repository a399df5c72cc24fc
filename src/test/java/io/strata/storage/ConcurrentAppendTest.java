package io.strata.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.model.Direction;
import io.strata.model.EntryIterator;
import io.strata.model.Labels;
import io.strata.model.LogEntry;
import io.strata.model.PushStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Many threads append to shared and private streams while a reader scans and the flusher runs. */
class ConcurrentAppendTest {
    @TempDir
    Path dir;

    @Test
    void concurrentAppendsAreAllStoredOnceAndShareSyncs() throws Exception {
        int threads = 8;
        int pushes = 300;
        InMemoryObjectStore store = new InMemoryObjectStore();
        StorageOptions o = Fixtures.options(dir, Fixtures.clock()).withShards(3).withSizes(16 * 1024, 4 * 1024);
        AtomicBoolean done = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(threads + 2);
        try (Storage s = Storage.open(o, store)) {
            List<Future<?>> fs = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int id = t;
                fs.add(pool.submit(() -> {
                    for (int i = 0; i < pushes; i++) {
                        List<PushStream> streams = List.of(
                                new PushStream(Labels.of("app", "shared", "n", Integer.toString(i % 4)),
                                        List.of(new LogEntry(i, "t" + id + " i" + i))),
                                new PushStream(Labels.of("app", "own", "t", Integer.toString(id)),
                                        List.of(new LogEntry(i, "own " + i), new LogEntry(i, "own2 " + i))));
                        s.append("t1", streams);
                    }
                    return null;
                }));
            }
            fs.add(pool.submit(() -> {
                while (!done.get()) {
                    for (StreamInfo si : s.streams("t1", List.of(), 0, Long.MAX_VALUE)) {
                        long prev = Long.MIN_VALUE;
                        try (EntryIterator it = s.entries("t1", si, 0, Long.MAX_VALUE, Direction.FORWARD,
                                ScanHints.NONE)) {
                            while (it.next()) {
                                assertTrue(it.timestamp() >= prev, "sorted while appending");
                                prev = it.timestamp();
                            }
                        }
                    }
                }
                return null;
            }));
            fs.add(pool.submit(() -> {
                while (!done.get()) {
                    s.flushDue();
                    Thread.sleep(5);
                }
                return null;
            }));
            for (int i = 0; i < threads; i++) {
                fs.get(i).get(120, TimeUnit.SECONDS);
            }
            done.set(true);
            for (Future<?> f : fs) {
                f.get(60, TimeUnit.SECONDS);
            }
            check(s, threads, pushes);
            StorageStats st = s.stats();
            assertEquals(threads * pushes * 3L, st.entriesAppended());
            assertTrue(st.walSyncs() < st.walRecords(), "group commit shares syncs: " + st);
        } finally {
            pool.shutdownNow();
        }
        try (Storage s = Storage.open(o, store)) {
            check(s, threads, pushes);
        }
    }

    private static void check(Storage s, int threads, int pushes) {
        Set<String> lines = new HashSet<>();
        long total = 0;
        for (StreamInfo si : s.streams("t1", List.of(), 0, Long.MAX_VALUE)) {
            try (EntryIterator it = s.entries("t1", si, 0, Long.MAX_VALUE, Direction.BACKWARD, ScanHints.NONE)) {
                while (it.next()) {
                    lines.add(si.labels() + it.line());
                    total++;
                }
            }
        }
        assertEquals(threads * pushes * 3L, total, "no entry lost or duplicated");
        assertEquals(total, lines.size());
    }
}
