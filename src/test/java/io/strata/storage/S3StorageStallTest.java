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
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * S3 that stops answering without refusing connections (a stalled network path or an overloaded
 * server): a TCP relay in front of s3proxy starts swallowing requests. Reads of flushed chunks and
 * forced flushes must fail with {@code UNAVAILABLE} within the configured timeouts (no hang), pushes
 * keep being acknowledged, and once the path clears everything flushes and reads back exactly once.
 * Also: an index segment put that reached S3 but whose answer was lost, so the retry writes a
 * second segment naming the same chunks.
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
        S3Options options = relayed(bucket);
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

    @Test
    void anIndexPutThatLandedButWhoseAnswerWasLostIsNotReadTwice() throws Exception {
        String bucket = S3.createBucket();
        relay = new Relay(S3.endpoint().getPort());
        Set<String> acked = ConcurrentHashMap.newKeySet();
        Path node = dir.resolve("node");
        // explicit flushes only
        StorageOptions quiet = S3StorageOutageTest.options(node)
                .withPeriods(Duration.ofHours(2), Duration.ofHours(2), Duration.ofHours(1));
        try (S3ObjectStore store = new S3ObjectStore(relayed(bucket));
                Storage storage = Storage.open(quiet, store)) {
            push(storage, 0, 300, acked);
            relay.loseResponsesTo("PUT /" + bucket + "/" + TENANT + "/index/");
            StrataException lost = S3StorageOutageTest.unavailableWithin(Duration.ofSeconds(25), storage::flushAll);
            assertTrue(lost.getMessage().startsWith("object store s3://" + bucket + " unavailable: put "
                    + TENANT + "/index/"), lost.getMessage());
            relay.resume();
            storage.flushAll();
            assertEquals(0, storage.stats().headEntries());
            List<String> segments = store.list(TENANT + "/index/");
            assertEquals(2, segments.size(), "the unanswered index put landed, the retry wrote another: " + segments);
            S3StorageOutageTest.assertExactlyOnce(acked, S3StorageOutageTest.countIds(storage, TENANT), "the writer");
        }
        try (S3ObjectStore store = new S3ObjectStore(S3.options(bucket));
                Storage restarted = Storage.open(quiet, store)) {
            S3StorageOutageTest.assertExactlyOnce(acked, S3StorageOutageTest.countIds(restarted, TENANT),
                    "the writer restarted on its data directory");
        }
        try (S3ObjectStore store = new S3ObjectStore(S3.options(bucket));
                Storage fresh = Storage.open(S3StorageOutageTest.options(dir.resolve("fresh")), store)) {
            S3StorageOutageTest.assertExactlyOnce(acked, S3StorageOutageTest.countIds(fresh, TENANT),
                    "a fresh storage reading both index segments");
        }
    }

    /** Through the relay: 2 s socket timeout, 4 s per attempt, 2 attempts (a stalled call gives up after ~4-8 s). */
    private S3Options relayed(String bucket) {
        return S3.options(bucket).withEndpoint(URI.create("http://127.0.0.1:" + relay.port()), true)
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(4))
                .withRetries(2, Duration.ofMillis(10));
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
     * accepts connections but never answers; {@link #loseResponsesTo} forwards every request but
     * swallows the answers on a connection once it carried a request containing the given text (the
     * request reached S3, the client never learns); {@link #resume} forwards again.
     */
    private static final class Relay implements AutoCloseable {
        private enum Mode { FORWARD, STALL, LOSE_RESPONSES }

        /** Decides per read whether the bytes are passed on. */
        private interface Tap {
            boolean forward(byte[] buffer, int length);
        }

        private final ServerSocket server;
        private final int upstream;
        private final Set<Socket> open = ConcurrentHashMap.newKeySet();
        private volatile Mode mode = Mode.FORWARD;
        private volatile String marker;

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
            switchTo(Mode.STALL);
        }

        void loseResponsesTo(String requestText) {
            marker = requestText;
            switchTo(Mode.LOSE_RESPONSES);
        }

        void resume() {
            switchTo(Mode.FORWARD);
        }

        private void switchTo(Mode m) {
            mode = m;
            closeAll();
        }

        private void accept() {
            while (!server.isClosed()) {
                try {
                    Socket client = server.accept();
                    open.add(client);
                    Mode m = mode;
                    if (m == Mode.STALL) {
                        pump(client.getInputStream(), OutputStream.nullOutputStream(), client, null, (b, n) -> true);
                        continue;
                    }
                    Socket target = new Socket();
                    target.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), upstream), 2000);
                    open.add(target);
                    String lose = m == Mode.LOSE_RESPONSES ? marker : null;
                    AtomicBoolean swallowing = new AtomicBoolean();
                    pump(client.getInputStream(), target.getOutputStream(), client, target, (b, n) -> {
                        if (lose != null && new String(b, 0, n, StandardCharsets.ISO_8859_1).contains(lose)) {
                            swallowing.set(true);
                        }
                        return true;
                    });
                    pump(target.getInputStream(), client.getOutputStream(), client, target,
                            (b, n) -> !swallowing.get());
                } catch (IOException e) {
                    // closed, or upstream gone: the client sees a reset
                }
            }
        }

        private void pump(InputStream in, OutputStream out, Socket a, Socket b, Tap tap) {
            Thread t = new Thread(() -> {
                byte[] buffer = new byte[64 * 1024];
                try {
                    int n;
                    while ((n = in.read(buffer)) >= 0) {
                        if (tap.forward(buffer, n)) {
                            out.write(buffer, 0, n);
                            out.flush();
                        }
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
