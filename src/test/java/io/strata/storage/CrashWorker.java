package io.strata.storage;

import io.strata.model.Labels;
import io.strata.model.LogEntry;
import io.strata.model.PushStream;
import java.io.PrintStream;
import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Child process of {@link CrashTest}: appends from several threads forever (with frequent flushes)
 * and prints {@code ack <id>} for every entry whose append returned. The parent kills it with SIGKILL.
 */
public final class CrashWorker {
    private CrashWorker() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int threads = Integer.parseInt(args[1]);
        StorageOptions o = new StorageOptions(dir, 3, 16 * 1024, 4 * 1024, Duration.ofSeconds(2),
                Duration.ofMillis(300), Duration.ofMillis(50), Duration.ofHours(24), Clock.systemUTC(),
                StorageListener.NOOP);
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), false);
        Storage s = Storage.open(o);
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
                        String entryId = args[2] + "-" + id + "-" + n++;
                        ids.add(entryId);
                        Labels labels = Labels.of("app", "crash", "stream", Long.toString(n % 5));
                        push.add(new PushStream(labels, List.of(new LogEntry(System.currentTimeMillis() * 1_000_000L + n,
                                "id=" + entryId + " some payload to make blocks fill " + n))));
                    }
                    s.append("crash", push);
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
