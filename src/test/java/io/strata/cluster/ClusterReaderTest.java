package io.strata.cluster;

import static io.strata.cluster.WriterClientTest.T0;
import static io.strata.cluster.WriterClientTest.drain;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.model.Direction;
import io.strata.model.Labels;
import io.strata.model.LogEntry;
import io.strata.model.PushStream;
import io.strata.storage.InMemoryObjectStore;
import io.strata.storage.ScanHints;
import io.strata.storage.Storage;
import io.strata.storage.StorageOptions;
import io.strata.storage.StreamInfo;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterReaderTest {
    static final Labels SHARED = Labels.of("app", "shared");
    static final Labels ONLY_B = Labels.of("app", "b");

    @TempDir
    Path dir;

    @Test
    void mergesTheStoreWithEveryWriterAndSkipsOneThatIsDown() throws Exception {
        int deadPort;
        try (ServerSocket s = new ServerSocket(0)) {
            deadPort = s.getLocalPort();
        }
        AtomicInteger failures = new AtomicInteger();
        AtomicInteger successes = new AtomicInteger();
        WriterClient.Listener metrics = new WriterClient.Listener() {
            @Override
            public void failed(String writer, RuntimeException cause) {
                failures.incrementAndGet();
            }

            @Override
            public void succeeded(String writer) {
                successes.incrementAndGet();
            }
        };
        try (Storage store = Storage.open(StorageOptions.defaults(dir.resolve("store")).withShards(1),
                        new InMemoryObjectStore());
                Storage writerHead = Storage.open(StorageOptions.defaults(dir.resolve("writer")).withShards(1),
                        new InMemoryObjectStore());
                FakeWriter b = new FakeWriter(writerHead)) {
            // the store holds what was flushed; the writer still has 2 (a replica of what the store has) and 3
            store.append("t", List.of(new PushStream(SHARED, List.of(new LogEntry(T0 + 1, "one"),
                    new LogEntry(T0 + 2, "two")))));
            writerHead.append("t", List.of(
                    new PushStream(SHARED, List.of(new LogEntry(T0 + 2, "two"), new LogEntry(T0 + 3, "three"))),
                    new PushStream(ONLY_B, List.of(new LogEntry(T0 + 4, "bee")))));
            WriterDiscovery discovery = new WriterDiscovery(
                    WriterAddress.parseList(b.authority() + ",127.0.0.1:" + deadPort),
                    WriterDiscovery.SYSTEM_RESOLVER, Duration.ofSeconds(10), Clock.systemUTC());
            ClusterReader reader = new ClusterReader(store, discovery, Duration.ofSeconds(1), Duration.ofSeconds(5),
                    metrics, Clock.systemUTC());

            long start = System.nanoTime();
            List<StreamInfo> streams = reader.streams("t", List.of(), T0, T0 + 100);
            assertEquals(List.of(ONLY_B, SHARED), streams.stream().map(StreamInfo::labels).sorted().toList());
            StreamInfo shared = streams.stream().filter(s -> s.labels().equals(SHARED)).findFirst().orElseThrow();
            assertEquals(List.of("1 one {}", "2 two {}", "3 three {}"),
                    drain(reader.entries("t", shared, T0, T0 + 100, Direction.FORWARD, ScanHints.NONE)));
            assertEquals(List.of("3 three {}", "2 two {}", "1 one {}"),
                    drain(reader.entries("t", shared, T0, T0 + 100, Direction.BACKWARD, ScanHints.NONE)));
            assertTrue(System.nanoTime() - start < Duration.ofSeconds(3).toNanos(), "a dead writer must not stall reads");
            assertTrue(failures.get() >= 1, "the dead writer is reported");
            assertTrue(successes.get() >= 2);
            assertEquals(List.of(b.authority(), "127.0.0.1:" + deadPort), reader.writers());

            // the live writer failing too: the store alone answers
            b.mode = FakeWriter.Mode.ERROR_500;
            WriterClientTest.sleepPastFailFast();
            assertEquals(List.of(SHARED), reader.streams("t", List.of(), T0, T0 + 100).stream()
                    .map(StreamInfo::labels).toList());
            assertEquals(List.of("1 one {}", "2 two {}"),
                    drain(reader.entries("t", shared, T0, T0 + 100, Direction.FORWARD, ScanHints.NONE)));
        }
    }

    @Test
    void withoutReachableWritersTheStoreAnswersAlone() throws Exception {
        try (Storage store = Storage.open(StorageOptions.defaults(dir).withShards(1), new InMemoryObjectStore())) {
            store.append("t", List.of(new PushStream(SHARED, List.of(new LogEntry(T0 + 1, "one")))));
            WriterDiscovery discovery = new WriterDiscovery(WriterAddress.parseList("no-such-writer.invalid:3100"),
                    WriterDiscovery.SYSTEM_RESOLVER, Duration.ofSeconds(10), Clock.systemUTC());
            ClusterReader reader = new ClusterReader(store, discovery, Duration.ofSeconds(1), Duration.ofSeconds(5),
                    (w, e) -> { }, Clock.systemUTC());
            assertEquals(List.of(), reader.writers());
            List<StreamInfo> streams = reader.streams("t", List.of(), T0, T0 + 100);
            assertEquals(List.of(SHARED), streams.stream().map(StreamInfo::labels).toList());
            assertEquals(List.of("1 one {}"), drain(reader.entries("t", streams.get(0), T0, T0 + 100,
                    Direction.FORWARD, ScanHints.NONE)));
        }
    }
}
