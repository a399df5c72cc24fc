package io.strata.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.model.Direction;
import io.strata.model.EntryIterator;
import io.strata.model.Labels;
import io.strata.model.LogEntry;
import io.strata.model.PushStream;
import io.strata.model.StrataException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * S3 that stops answering without refusing connections (a stalled network path or an overloaded
 * server): a TCP relay in front of s3proxy starts swallowing requests. Reads of flushed chunks and
 * forced flushes must fail with {@code UNAVAILABLE} within the configured timeouts (no hang), pushes
 * keep being acknowledged, and once the path clears everything flushes and reads back exactly once.
 */
class S3StorageStallTest {
    private static final String TENANT = "stall";
    private static final long T0 = 1_700_000_000_000_000_000L;

    @RegisterExtension
    static final S3ProxyServer S3 = new S3ProxyServer();

    @TempDir
    Path dir;

    private Relay relay;

    @AfterEach
    void stopRelay() throws IOException {
        if (relay != null) {
            relay.close();
        }
    }

    @Test
    void stalledS3FailsReadsAndFlushesWithinTheTimeoutsAndCatchesUpAfterwards() throws Exception {
        String bucket = S3.createBucket();
        relay = new Relay(S3.endpoint().getPort());
        // 2 s socket timeout, 4 s per attempt, 2 attempts: a stalled operation gives up after ~4-8 s
        S3Options options = S3.options(bucket).withEndpoint(URI.create("http://127.0.0.1:" + relay.port()), true)
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(4))
                .withRetries(2, Duration.ofMillis(10));
        Set<String> acked = ConcurrentHashMap.newKeySet();
        try (S3ObjectStore store = new S3ObjectStore(options);
                Storage storage = Storage.open(S3StorageOutageTest.options(dir), store)) {
            int next = push(storage, 0, 200, acked);
            storage.flushAll();
            storage.dropCaches();
            StreamInfo stream = storage.streams(TENANT, List.of(), 0, Long.MAX_VALUE).get(0);

            relay.stall();
            StrataException read = S3StorageOutageTest.unavailableWithin(Duration.ofSeconds(12),
                    () -> drain(storage, stream));
            assertTrue(read.getMessage().startsWith("object store s3://" + bucket + " unavailable: get "
                    + TENANT + "/chunks/"), read.getMessage());
            assertTrue(read.getMessage().toLowerCase().contains("timed out")
                    || read.getMessage().toLowerCase().contains("timeout"), read.getMessage());

            long t0 = System.nanoTime();
            next = push(storage, next, 200, acked);
            assertTrue(Duration.ofNanos(System.nanoTime() - t0).compareTo(Duration.ofSeconds(5)) < 0,
                    "pushes are acknowledged from the WAL while S3 stalls");
            // a background round may be stuck in a put first: at most two rounds' worth of timeouts
            StrataException flush = S3StorageOutageTest.unavailableWithin(Duration.ofSeconds(25), storage::flushAll);
            assertTrue(flush.getMessage().startsWith("object store s3://" + bucket + " unavailable: put "),
                    flush.getMessage());

            relay.resume();
            storage.flushAll();
            assertEquals(0, storage.stats().headEntries());
            S3StorageOutageTest.assertExactlyOnce(acked, S3StorageOutageTest.countIds(storage, TENANT),
                    "after the stall");
            assertEquals(next, acked.size());
        }
    }

    private static int push(Storage storage, int from, int count, Set<String> acked) {
        List<LogEntry> entries = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int n = from; n < from + count; n++) {
            ids.add(Integer.toString(n));
            entries.add(new LogEntry(T0 + n * 1_000L, "id=" + n + " level=warn msg=\"slow upstream\" took=" + n + "ms"));
        }
        storage.append(TENANT, List.of(new PushStream(Labels.of("app", "stall"), entries)));
        acked.addAll(ids);
        return from + count;
    }

    private static void drain(Storage storage, StreamInfo stream) {
        try (EntryIterator it = storage.entries(TENANT, stream, 0, Long.MAX_VALUE, Direction.FORWARD, ScanHints.NONE)) {
            while (it.next()) {
                it.line();
            }
        }
    }

    /**
     * A loopback TCP relay to s3proxy. {@link #stall} drops every open connection and from then on
     * accepts connections but never answers; {@link #resume} forwards again.
     */
    private static final class Relay implements AutoCloseable {
        private final ServerSocket server;
        private final int upstream;
        private final Set<Socket> open = ConcurrentHashMap.newKeySet();
        private volatile boolean stalled;

        Relay(int upstream) throws IOException {
            this.upstream = upstream;
            this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread acceptor = new Thread(this::accept, "s3-relay");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return server.getLocalPort();
        }

        void stall() {
            stalled = true;
            closeAll();
        }

        void resume() {
            stalled = false;
            closeAll();
        }

        private void accept() {
            while (!server.isClosed()) {
                try {
                    Socket client = server.accept();
                    open.add(client);
                    if (stalled) {
                        pump(client.getInputStream(), OutputStream.nullOutputStream(), client, null);
                        continue;
                    }
                    Socket target = new Socket();
                    target.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), upstream), 2000);
                    open.add(target);
                    pump(client.getInputStream(), target.getOutputStream(), client, target);
                    pump(target.getInputStream(), client.getOutputStream(), client, target);
                } catch (IOException e) {
                    // closed, or upstream gone: the client sees a reset
                }
            }
        }

        private void pump(InputStream in, OutputStream out, Socket a, Socket b) {
            Thread t = new Thread(() -> {
                byte[] buffer = new byte[64 * 1024];
                try {
                    int n;
                    while ((n = in.read(buffer)) >= 0) {
                        out.write(buffer, 0, n);
                        out.flush();
                    }
                } catch (IOException ignored) {
                    // one side closed
                } finally {
                    closeQuietly(a);
                    closeQuietly(b);
                }
            }, "s3-relay-pump");
            t.setDaemon(true);
            t.start();
        }

        private void closeAll() {
            for (Socket s : open) {
                closeQuietly(s);
            }
        }

        private void closeQuietly(Socket s) {
            if (s == null) {
                return;
            }
            open.remove(s);
            try {
                s.close();
            } catch (IOException ignored) {
                // already closed
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
            closeAll();
        }
    }
}
