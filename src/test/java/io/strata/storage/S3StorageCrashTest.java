package io.strata.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link CrashTest} with S3 as the chunk store: a child JVM ({@link S3StorageCrashWorker}) appends
 * and flushes to s3proxy and is killed with SIGKILL at a random moment, several times on the same
 * data directory and bucket; once S3 itself is stopped before the kill, so the last acknowledged
 * entries exist only in the WAL. After every kill, reopening replays the WAL on top of the index
 * segments in S3: every acknowledged entry is there exactly once. At the end everything is flushed
 * and a storage with an empty data directory sees the same entries from S3 alone.
 */
class S3StorageCrashTest {
    @RegisterExtension
    static final S3ProxyServer S3 = new S3ProxyServer();

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedEntrySurvivesSigkillExactlyOnceWithS3AsTheStore() throws Exception {
        String bucket = S3.createBucket();
        Path node = dir.resolve("node");
        Set<String> acked = ConcurrentHashMap.newKeySet();
        Set<String> failures = ConcurrentHashMap.newKeySet();
        long[] killAfterMillis = {1500, 1100, 1800};
        int chunksBefore = 0;
        for (int round = 0; round < killAfterMillis.length; round++) {
            boolean outage = round == killAfterMillis.length - 1;
            int ackedBefore = acked.size();
            runAndKill(node, bucket, "r" + round, killAfterMillis[round], outage, acked, failures);
            if (outage) {
                S3.start();
            }
            assertTrue(failures.isEmpty(), "appends failed: " + failures);
            assertTrue(acked.size() > ackedBefore + 100, "round " + round + " made progress: " + acked.size());
            try (S3ObjectStore store = new S3ObjectStore(S3.options(bucket));
                    Storage s = Storage.open(S3StorageCrashWorker.verifyOptions(node), store)) {
                S3StorageOutageTest.assertExactlyOnce(acked, S3StorageOutageTest.countIds(s,
                        S3StorageCrashWorker.TENANT), "after round " + round);
                int chunks = store.list(S3StorageCrashWorker.TENANT + "/chunks/").size();
                if (!outage) {
                    assertTrue(chunks > chunksBefore, "round " + round + " flushed chunks to S3: " + chunks);
                }
                chunksBefore = chunks;
            }
        }
        try (S3ObjectStore store = new S3ObjectStore(S3.options(bucket));
                Storage s = Storage.open(S3StorageCrashWorker.verifyOptions(node), store)) {
            s.flushAll();
            assertEquals(0, s.stats().headEntries());
        }
        try (S3ObjectStore store = new S3ObjectStore(S3.options(bucket));
                Storage fresh = Storage.open(S3StorageCrashWorker.verifyOptions(dir.resolve("fresh")), store)) {
            assertEquals(0, fresh.stats().headEntries());
            // entries made durable just before a kill may be there without their "ack" line
            S3StorageOutageTest.assertExactlyOnce(acked, S3StorageOutageTest.countIds(fresh,
                    S3StorageCrashWorker.TENANT), "from S3 alone");
        }
    }

    /** Starts a worker, lets it run, optionally stops S3 half-way, and kills the worker with SIGKILL. */
    private void runAndKill(Path node, String bucket, String tag, long millis, boolean outage, Set<String> acked,
            Set<String> failures) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                S3StorageCrashWorker.class.getName(), node.toString(), "3", tag, S3.endpoint().toString(), bucket);
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
                    } else if (line.startsWith("fail ")) {
                        failures.add(line);
                    }
                }
            } catch (java.io.IOException ignored) {
                // the child died
            }
        });
        reader.start();
        try {
            assertTrue(ready.await(60, TimeUnit.SECONDS), "child started");
            if (outage) {
                Thread.sleep(millis / 2);
                S3.stop();
                int whenStopped = acked.size();
                Thread.sleep(millis / 2);
                assertTrue(acked.size() > whenStopped + 50,
                        "appends are acknowledged while S3 is down: " + (acked.size() - whenStopped));
            } else {
                Thread.sleep(millis);
            }
        } finally {
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
            reader.join(10_000);
        }
    }
}
