package io.strata.storage;

import static io.strata.storage.Fixtures.APP;
import static io.strata.storage.Fixtures.e;
import static io.strata.storage.Fixtures.read;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.model.Direction;
import io.strata.model.LogEntry;
import io.strata.model.PushStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Block summaries (time range, trigram bloom) let reads skip blocks without decompressing them. */
class StorageSkipTest {
    @TempDir
    Path dir;

    private static final int BLOCKS = 40;
    private static final int PER_BLOCK = 200;

    /** 40 blocks of random lines; block 17 alone holds the needle. */
    private Storage load(InMemoryObjectStore store) {
        Storage s = Storage.open(Fixtures.options(dir, Fixtures.clock()).withSizes(1 << 30, 8 * 1024), store);
        Random r = new Random(7);
        long ts = 0;
        for (int b = 0; b < BLOCKS; b++) {
            List<LogEntry> batch = new ArrayList<>();
            int bytes = 0;
            while (bytes < 8 * 1024) {
                String line = "level=info msg=\"served\" id=" + Long.toString(r.nextLong() & Long.MAX_VALUE, 36);
                if (b == 17 && batch.size() == 5) {
                    line = "level=error msg=\"disk quota exceeded\" id=needle-42";
                }
                batch.add(e(ts++, line));
                bytes += line.length() + 3;
            }
            s.append("t1", List.of(new PushStream(APP, batch)));
        }
        return s;
    }

    @Test
    void needleScanDecompressesOnlyMatchingBlocksInHeadAndFlushed() {
        InMemoryObjectStore store = new InMemoryObjectStore();
        try (Storage s = load(store)) {
            for (int round = 0; round < 2; round++) {
                s.dropCaches();
                long before = s.stats().blocksDecompressed();
                List<String> all = read(s, "t1", APP, 0, Long.MAX_VALUE, Direction.FORWARD, ScanHints.NONE);
                long total = s.stats().blocksDecompressed() - before;
                assertTrue(total >= BLOCKS - 1, "full scan decompresses every sealed block: " + total);

                s.dropCaches();
                before = s.stats().blocksDecompressed();
                List<String> hits = read(s, "t1", APP, 0, Long.MAX_VALUE, Direction.BACKWARD,
                        new ScanHints(List.of("quota exceeded", "needle-42")));
                long needle = s.stats().blocksDecompressed() - before;
                assertTrue(needle <= 3, "needle scan decompressed " + needle + " of " + total + " blocks");
                assertTrue(hits.stream().anyMatch(l -> l.contains("needle-42")), "the matching block was read");
                assertTrue(all.size() > hits.size());

                s.dropCaches();
                before = s.stats().blocksDecompressed();
                assertEquals(List.of(), read(s, "t1", APP, 0, Long.MAX_VALUE, Direction.FORWARD,
                        new ScanHints(List.of("absent-trigram-zzq"))).stream()
                        .filter(l -> l.contains("absent-trigram-zzq")).toList());
                assertTrue(s.stats().blocksDecompressed() - before <= 2, "nothing (but the open block) to read");

                s.flushAll(); // second round: the same checks against flushed chunks
            }
        }
    }

    @Test
    void skippingIsSoundForEverySubstringOfEveryLine() {
        InMemoryObjectStore store = new InMemoryObjectStore();
        try (Storage s = load(store)) {
            s.flushAll();
            List<String> all = read(s, "t1", APP, 0, Long.MAX_VALUE, Direction.FORWARD, ScanHints.NONE);
            Random r = new Random(3);
            for (int i = 0; i < 300; i++) {
                String line = all.get(r.nextInt(all.size()));
                line = line.substring(line.indexOf(' ') + 1);
                int a = r.nextInt(line.length() - 3);
                String sub = line.substring(a, a + 3 + r.nextInt(Math.min(20, line.length() - a - 3) + 1));
                List<String> expected = all.stream().filter(l -> l.substring(l.indexOf(' ') + 1).contains(sub)).toList();
                List<String> got = read(s, "t1", APP, 0, Long.MAX_VALUE, Direction.FORWARD, new ScanHints(List.of(sub)))
                        .stream().filter(l -> l.substring(l.indexOf(' ') + 1).contains(sub)).toList();
                assertEquals(expected, got, "substring " + sub);
            }
        }
    }

    @Test
    void timeRangeSkipsBlocksWithoutDecompressing() {
        InMemoryObjectStore store = new InMemoryObjectStore();
        try (Storage s = load(store)) {
            s.flushAll();
            s.dropCaches();
            long before = s.stats().blocksDecompressed();
            List<String> got = read(s, "t1", APP, 1000, 1010, Direction.FORWARD, ScanHints.NONE);
            assertEquals(10, got.size());
            assertTrue(s.stats().blocksDecompressed() - before <= 2, "only the blocks holding 1000..1009");
        }
    }
}
