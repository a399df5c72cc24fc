package io.strata.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.model.Direction;
import io.strata.model.EntryIterator;
import io.strata.model.ErrorCategory;
import io.strata.model.Labels;
import io.strata.model.LogEntry;
import io.strata.model.Matcher;
import io.strata.model.MatchType;
import io.strata.model.PushStream;
import io.strata.model.StrataException;
import io.strata.storage.InMemoryObjectStore;
import io.strata.storage.ScanHints;
import io.strata.storage.Storage;
import io.strata.storage.StorageOptions;
import io.strata.storage.StreamInfo;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WriterClientTest {
    static final long T0 = 1_700_000_000_000_000_000L;
    static final Labels API = Labels.of("app", "api", "env", "prod \"eu\"");
    static final Labels WEB = Labels.of("app", "web", "env", "dev");

    @TempDir
    Path dir;

    Storage storage;
    FakeWriter writer;
    HttpClient http = WriterClient.httpClient(Duration.ofSeconds(1));
    final List<String> failures = new CopyOnWriteArrayList<>();
    final List<String> successes = new CopyOnWriteArrayList<>();
    final WriterClient.Listener listener = new WriterClient.Listener() {
        @Override
        public void failed(String w, RuntimeException cause) {
            failures.add(w + " " + cause.getMessage());
        }

        @Override
        public void succeeded(String w) {
            successes.add(w);
        }
    };

    @BeforeEach
    void start() throws Exception {
        storage = Storage.open(StorageOptions.defaults(dir).withShards(2), new InMemoryObjectStore());
        storage.append("t1", List.of(
                new PushStream(API, List.of(new LogEntry(T0 + 1, "GET /a 200"), new LogEntry(T0 + 2, "GET /b 500"),
                        new LogEntry(T0 + 3, "línea ünïcode", Labels.of("trace_id", "abc")))),
                new PushStream(WEB, List.of(new LogEntry(T0 + 5, "web line")))));
        writer = new FakeWriter(storage);
    }

    @AfterEach
    void stop() {
        writer.close();
        storage.close();
        http.close();
    }

    private WriterClient client(Duration timeout) {
        return new WriterClient(writer.authority(), http, timeout, listener);
    }

    @Test
    void listsStreamsWithMatchersSentAsASelector() {
        WriterClient c = client(Duration.ofSeconds(5));
        List<StreamInfo> all = c.streams("t1", List.of(), T0, T0 + 100);
        assertEquals(List.of(API, WEB), all.stream().map(StreamInfo::labels).sorted().toList());
        assertTrue(all.stream().allMatch(s -> s.fingerprint() == s.labels().fingerprint()));

        List<StreamInfo> api = c.streams("t1",
                List.of(Matcher.of(MatchType.REGEX, "app", "a.+|x"), Matcher.of(MatchType.NOT_EQUAL, "env", "dev")),
                T0, T0 + 100);
        assertEquals(List.of(API), api.stream().map(StreamInfo::labels).toList());
        Map<String, List<String>> q = writer.requests.get(1);
        assertEquals(List.of("{app=~\"a.+|x\", env!=\"dev\"}"), q.get("selector"));
        assertEquals(List.of("t1"), q.get("tenant"));
        assertEquals(List.of(Long.toString(T0)), q.get("start"));
        assertEquals(List.of(), c.streams("other", List.of(), T0, T0 + 100));
        assertEquals(3, successes.size());
        assertEquals(List.of(), failures);
    }

    @Test
    void readsEntriesWithMetadataInBothDirectionsAndSendsHints() {
        WriterClient c = client(Duration.ofSeconds(5));
        StreamInfo api = new StreamInfo(API.fingerprint(), API);
        assertEquals(List.of("1 GET /a 200 {}", "2 GET /b 500 {}", "3 línea ünïcode {trace_id=\"abc\"}"),
                drain(c.entries("t1", api, T0, T0 + 100, Direction.FORWARD, ScanHints.NONE)));
        assertEquals(List.of("3 línea ünïcode {trace_id=\"abc\"}", "2 GET /b 500 {}"),
                drain(c.entries("t1", api, T0 + 2, T0 + 100, Direction.BACKWARD,
                        new ScanHints(List.of("a b&c=d+e", "/")))));
        Map<String, List<String>> q = writer.requests.get(1);
        assertEquals(List.of(API.toString()), q.get("labels"));
        assertEquals(List.of("backward"), q.get("direction"));
        assertEquals(List.of("a b&c=d+e", "/"), q.get("required"));
    }

    @Test
    void aServerErrorIsUnavailableNamingTheWriterAndIsReported() {
        writer.mode = FakeWriter.Mode.ERROR_500;
        WriterClient c = client(Duration.ofSeconds(5));
        StrataException e = assertThrows(StrataException.class, () -> c.streams("t1", List.of(), T0, T0 + 100));
        assertEquals(ErrorCategory.UNAVAILABLE, e.category());
        assertEquals("writer " + writer.authority() + " unavailable: HTTP 500: storage on fire", e.getMessage());
        assertEquals(List.of(writer.authority() + " " + e.getMessage()), failures);
    }

    @Test
    void aTruncatedBodyFailsInsteadOfAnsweringPartially() {
        writer.mode = FakeWriter.Mode.TRUNCATED;
        WriterClient c = client(Duration.ofSeconds(5));
        StrataException e = assertThrows(StrataException.class, () -> c.streams("t1", List.of(), T0, T0 + 100));
        assertEquals(ErrorCategory.UNAVAILABLE, e.category());
        StreamInfo api = new StreamInfo(API.fingerprint(), API);
        // the entries cursor is lazy: it fails at the latest at the end marker
        Thread.interrupted();
        sleepPastFailFast();
        StrataException e2 = assertThrows(StrataException.class,
                () -> drain(c.entries("t1", api, T0, T0 + 100, Direction.FORWARD, ScanHints.NONE)));
        assertEquals(ErrorCategory.UNAVAILABLE, e2.category());
    }

    @Test
    void aWriterThatIsDownFailsFastAndThenWithoutTrying() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        WriterClient c = new WriterClient("127.0.0.1:" + closedPort, http, Duration.ofSeconds(5), listener);
        long start = System.nanoTime();
        StrataException e = assertThrows(StrataException.class, () -> c.streams("t1", List.of(), T0, T0 + 100));
        assertTrue(e.getMessage().startsWith("writer 127.0.0.1:" + closedPort + " unavailable: "), e.getMessage());
        StrataException again = assertThrows(StrataException.class,
                () -> c.entries("t1", new StreamInfo(API.fingerprint(), API), T0, T0 + 100, Direction.FORWARD,
                        ScanHints.NONE));
        assertTrue(again.getMessage().contains("failed less than 1000 ms ago"), again.getMessage());
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(2).toNanos());
        assertEquals(1, failures.size(), "the fail-fast answer is not a new failure");
    }

    @Test
    void aStalledWriterFailsWithinTheRequestTimeout() {
        writer.mode = FakeWriter.Mode.SLOW;
        WriterClient c = client(Duration.ofMillis(300));
        long start = System.nanoTime();
        StrataException e = assertThrows(StrataException.class, () -> c.streams("t1", List.of(), T0, T0 + 100));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis < 2_000, "took " + millis + " ms");
        assertEquals(ErrorCategory.UNAVAILABLE, e.category());
        assertTrue(e.getMessage().contains("300 ms") || e.getMessage().contains("imeout"), e.getMessage());
    }

    @Test
    void anAnswerOverTheSizeLimitFailsInsteadOfFillingTheHeap() {
        WriterClient small = new WriterClient(writer.authority(), http, Duration.ofSeconds(5), listener, 64);
        StreamInfo api = new StreamInfo(API.fingerprint(), API);
        StrataException e = assertThrows(StrataException.class,
                () -> small.entries("t1", api, T0, T0 + 100, Direction.FORWARD, ScanHints.NONE));
        assertEquals(ErrorCategory.UNAVAILABLE, e.category());
        assertTrue(e.getMessage().contains("answer larger than"), e.getMessage());
        WriterClient big = new WriterClient(writer.authority(), http, Duration.ofSeconds(5), listener, 1 << 20);
        assertEquals(3, drain(big.entries("t1", api, T0, T0 + 100, Direction.FORWARD, ScanHints.NONE)).size());
    }

    @Test
    void recoversOnceTheFailFastWindowHasPassed() {
        writer.mode = FakeWriter.Mode.ERROR_500;
        WriterClient c = client(Duration.ofSeconds(5));
        assertThrows(StrataException.class, () -> c.streams("t1", List.of(), T0, T0 + 100));
        writer.mode = FakeWriter.Mode.OK;
        sleepPastFailFast();
        assertEquals(2, c.streams("t1", List.of(), T0, T0 + 100).size());
    }

    @Test
    void theFirstEntriesCallStartsTheOtherListedStreamsAndEachIsAskedOnce() throws Exception {
        List<PushStream> many = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            many.add(new PushStream(Labels.of("app", "many", "n", Integer.toString(i)),
                    List.of(new LogEntry(T0 + i, "line of " + i), new LogEntry(T0 + 50 + i, "second of " + i))));
        }
        storage.append("t2", many);
        WriterClient c = client(Duration.ofSeconds(5));
        List<StreamInfo> listed = c.streams("t2", List.of(), T0, T0 + 100);
        assertEquals(30, listed.size());
        for (StreamInfo s : listed) {
            String n = s.labels().get("n");
            assertEquals(List.of((Integer.parseInt(n)) + " line of " + n + " {}",
                            (50 + Integer.parseInt(n)) + " second of " + n + " {}"),
                    drain(c.entries("t2", s, T0, T0 + 100, Direction.FORWARD, ScanHints.NONE)));
        }
        List<Map<String, List<String>>> entryRequests = writer.requests.stream()
                .filter(q -> q.containsKey("labels")).toList();
        assertEquals(30, entryRequests.size(), "one request per stream, none twice");
        assertEquals(30, entryRequests.stream().map(q -> q.get("labels").get(0)).distinct().count());

        // another direction or range is another request, not a prefetched answer
        StreamInfo first = listed.get(0);
        assertEquals(List.of("50 second of 0 {}", "0 line of 0 {}"),
                drain(c.entries("t2", first, T0, T0 + 100, Direction.BACKWARD, ScanHints.NONE)));
        assertEquals(List.of("50 second of 0 {}"),
                drain(c.entries("t2", first, T0 + 10, T0 + 100, Direction.FORWARD, ScanHints.NONE)));
        assertEquals(List.of(), failures);
    }

    @Test
    void whenTheWriterFailsMidWaveTheQueuedRequestsAreNotSent() throws Exception {
        List<PushStream> many = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            many.add(new PushStream(Labels.of("app", "many", "n", Integer.toString(i)),
                    List.of(new LogEntry(T0 + i, "line of " + i))));
        }
        storage.append("t3", many);
        WriterClient c = client(Duration.ofSeconds(5));
        List<StreamInfo> listed = c.streams("t3", List.of(), T0, T0 + 100);
        writer.close(); // the writer dies between the listing and the entries
        int unavailable = 0;
        for (StreamInfo s : listed) {
            try {
                drain(c.entries("t3", s, T0, T0 + 100, Direction.FORWARD, ScanHints.NONE));
            } catch (StrataException e) {
                assertEquals(ErrorCategory.UNAVAILABLE, e.category());
                unavailable++;
            }
        }
        assertEquals(40, unavailable);
        assertTrue(failures.size() <= EntriesPrefetch.IN_FLIGHT + 1,
                "a dead writer is reported per request sent, not per stream: " + failures.size());
    }

    static void sleepPastFailFast() {
        try {
            Thread.sleep(WriterClient.FAIL_FAST.toMillis() + 50);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> drain(EntryIterator it) {
        List<String> out = new ArrayList<>();
        try (it) {
            while (it.next()) {
                out.add((it.timestamp() - T0) + " " + it.line() + " " + it.metadata());
            }
        }
        return out;
    }
}
