package io.strata.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.strata.model.Direction;
import io.strata.model.EntryIterator;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a child JVM that appends concurrently (SIGKILL at a random moment, flushes running), then
 * checks that every acknowledged entry is present exactly once after reopening. Repeats on the
 * same data directory so that replay, flushed chunks and new WAL segments pile up.
 */
class CrashTest {
    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedEntrySurvivesSigkillExactlyOnce() throws Exception {
        Set<String> acked = ConcurrentHashMap.newKeySet();
        long[] killAfterMillis = {700, 1300, 400, 1000};
        for (int round = 0; round < killAfterMillis.length; round++) {
            runAndKill("r" + round, killAfterMillis[round], acked);
            Map<String, Integer> seen = readIds();
            for (String id : acked) {
                Integer n = seen.get(id);
                if (n == null || n != 1) {
                    fail("acknowledged entry " + id + " found " + n + " times after round " + round);
                }
            }
            for (Map.Entry<String, Integer> e : seen.entrySet()) {
                assertEquals(1, e.getValue(), "entry " + e.getKey() + " duplicated");
            }
        }
        assertTrue(acked.size() > 500, "the children made progress: " + acked.size());
    }

    private void runAndKill(String tag, long millis, Set<String> acked) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                CrashWorker.class.getName(), dir.toString(), "4", tag);
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        CountDownLatch ready = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (line.equals("ready")) {
                        ready.countDown();
                    } else if (line.startsWith("ack ") && line.length() > 4) {
                        acked.add(line.substring(4));
                    }
                }
            } catch (java.io.IOException ignored) {
                // the child died
            }
        });
        reader.start();
        try {
            assertTrue(ready.await(60, TimeUnit.SECONDS), "child started");
            Thread.sleep(millis);
        } finally {
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
            reader.join(10_000);
        }
    }

    private Map<String, Integer> readIds() {
        Map<String, Integer> seen = new HashMap<>();
        try (Storage s = Storage.open(StorageOptions.defaults(dir).withShards(3))) {
            for (StreamInfo si : s.streams("crash", List.of(), 0, Long.MAX_VALUE)) {
                try (EntryIterator it = s.entries("crash", si, 0, Long.MAX_VALUE, Direction.FORWARD, ScanHints.NONE)) {
                    while (it.next()) {
                        String line = it.line();
                        String id = line.substring(3, line.indexOf(' '));
                        seen.merge(id, 1, Integer::sum);
                    }
                }
            }
        }
        return seen;
    }
}
