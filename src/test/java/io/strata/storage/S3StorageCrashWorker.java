package io.strata.storage;

import io.strata.model.Labels;
import io.strata.model.LogEntry;
import io.strata.model.PushStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Child process of {@link S3StorageCrashTest}: storage on an s3proxy bucket, appending from several
 * threads forever with frequent flushes, printing {@code ack <id>} for every entry whose append
 * returned. Appends that fail (never expected: the WAL acknowledges even when S3 is down) print
 * {@code fail <message>}. The parent kills it with SIGKILL.
 *
 * <p>Arguments: data dir, threads, id tag, s3proxy endpoint, bucket.
 */
public final class S3StorageCrashWorker {
    static final String TENANT = "crash";

    private S3StorageCrashWorker() {}

    /** The worker's storage options; the parent opens the same directory with {@link #verifyOptions}. */
    static StorageOptions options(Path dir) {
        return new StorageOptions(dir, 3, 4 * 1024, 1024, Duration.ofSeconds(1), Duration.ofMillis(300),
                Duration.ofMillis(50), Duration.ofHours(24), Clock.systemUTC(), StorageListener.NOOP);
    }

    /** Same layout, timers that never fire: opening for a check replays the WAL and flushes nothing. */
    static StorageOptions verifyOptions(Path dir) {
        return options(dir).withPeriods(Duration.ofHours(2), Duration.ofHours(2), Duration.ofHours(1));
    }

    static S3Options s3(URI endpoint, String bucket) {
        return S3Options.defaults(bucket)
                .withEndpoint(endpoint, true)
                .withCredentials(S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY)
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(20), Duration.ofSeconds(60))
                .withRetries(3, Duration.ofMillis(20));
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int threads = Integer.parseInt(args[1]);
        String tag = args[2];
        S3ObjectStore store = new S3ObjectStore(s3(URI.create(args[3]), args[4]));
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), false);
        Storage s = Storage.open(options(dir), store);
        out.println("ready");
        out.flush();
        List<Thread> ts = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            Thread th = new Thread(() -> {
                long n = 0;
                while (true) {
                    List<PushStream> push = new ArrayList<>();
                    List<String> ids = new ArrayList<>();
                    for (int k = 0; k < 3; k++) {
                        String entryId = tag + "-" + id + "-" + n++;
                        ids.add(entryId);
                        Labels labels = Labels.of("app", "crash", "stream", Long.toString(n % 5));
                        push.add(new PushStream(labels, List.of(new LogEntry(
                                System.currentTimeMillis() * 1_000_000L + n,
                                "id=" + entryId + " some payload to make blocks fill " + n))));
                    }
                    try {
                        s.append(TENANT, push);
                    } catch (RuntimeException e) {
                        synchronized (out) {
                            out.println("fail " + e);
                            out.flush();
                        }
                        continue;
                    }
                    synchronized (out) {
                        for (String i : ids) {
                            out.println("ack " + i);
                        }
                        out.flush();
                    }
                }
            });
            th.start();
            ts.add(th);
        }
        for (Thread th : ts) {
            th.join();
        }
    }
}
