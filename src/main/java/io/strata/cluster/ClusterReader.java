package io.strata.cluster;

import io.strata.model.Direction;
import io.strata.model.EntryIterator;
import io.strata.model.Matcher;
import io.strata.storage.ChunkSummary;
import io.strata.storage.LogReader;
import io.strata.storage.LogReaders;
import io.strata.storage.ScanHints;
import io.strata.storage.StreamInfo;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a reader reads: the store (index synced from S3) merged with the unflushed data of every
 * writer {@link WriterDiscovery} knows now ({@link LogReaders#merged}: union of streams, entries
 * merged without duplicates). A writer that fails is skipped, so a query answers from what is
 * reachable; the first failure of a writer, and then at most one every {@link #WARN_EVERY}, is
 * logged, and every failure goes to the caller's {@link WriterClient.Listener} (a metric).
 * Thread-safe; clients are kept per writer address for connection reuse.
 */
public final class ClusterReader implements LogReader {
    private static final System.Logger LOG = System.getLogger(ClusterReader.class.getName());
    static final Duration WARN_EVERY = Duration.ofSeconds(30);

    private final LogReader store;
    private final WriterDiscovery discovery;
    private final HttpClient http;
    private final Duration requestTimeout;
    private final WriterClient.Listener metrics;
    private final Clock clock;
    private final Map<String, WriterClient> clients = new ConcurrentHashMap<>();
    private final Map<String, Long> lastWarnMillis = new ConcurrentHashMap<>();
    private final WriterClient.Listener listener = new WriterClient.Listener() {
        @Override
        public void failed(String writer, RuntimeException cause) {
            metrics.failed(writer, cause);
            long now = clock.millis();
            Long last = lastWarnMillis.get(writer);
            if (last == null || now - last >= WARN_EVERY.toMillis()) {
                lastWarnMillis.put(writer, now);
                LOG.log(System.Logger.Level.WARNING, "{0}; reads skip its unflushed data (logged at most every {1} s)",
                        cause.getMessage(), WARN_EVERY.toSeconds());
            }
        }

        @Override
        public void succeeded(String writer) {
            if (lastWarnMillis.remove(writer) != null) {
                LOG.log(System.Logger.Level.INFO, "writer {0} answers again", writer);
            }
            metrics.succeeded(writer);
        }
    };
    private volatile Merged merged;

    private record Merged(List<String> writers, LogReader reader) {}

    /**
     * @param store          the local view of the object store (and head, for {@code all})
     * @param discovery      the writers
     * @param connectTimeout TCP connect timeout to a writer
     * @param requestTimeout limit of one request to a writer, body included
     * @param metrics        told of every request's outcome
     */
    public ClusterReader(LogReader store, WriterDiscovery discovery, Duration connectTimeout, Duration requestTimeout,
            WriterClient.Listener metrics, Clock clock) {
        this.store = store;
        this.discovery = discovery;
        this.http = WriterClient.httpClient(connectTimeout);
        this.requestTimeout = requestTimeout;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Override
    public List<StreamInfo> streams(String tenant, List<Matcher> matchers, long fromNanos, long throughNanos) {
        return current().streams(tenant, matchers, fromNanos, throughNanos);
    }

    @Override
    public EntryIterator entries(String tenant, StreamInfo stream, long fromNanos, long throughNanos,
            Direction direction, ScanHints hints) {
        return current().entries(tenant, stream, fromNanos, throughNanos, direction, hints);
    }

    @Override
    public List<ChunkSummary> chunkSummaries(String tenant, StreamInfo stream, long fromNanos, long throughNanos) {
        return current().chunkSummaries(tenant, stream, fromNanos, throughNanos);
    }

    /** The writers asked now ({@code ip:port}). */
    public List<String> writers() {
        return discovery.writers();
    }

    private LogReader current() {
        List<String> writers = discovery.writers();
        Merged m = merged;
        if (m != null && m.writers().equals(writers)) {
            return m.reader();
        }
        List<LogReader> sources = new ArrayList<>(writers.size());
        for (String w : writers) {
            sources.add(clients.computeIfAbsent(w, a -> new WriterClient(a, http, requestTimeout, listener)));
        }
        clients.keySet().retainAll(writers);
        LogReader reader = LogReaders.merged(store, sources, e -> {
            // WriterClient has reported it already (log + metric); nothing else to do here
        });
        merged = new Merged(writers, reader);
        return reader;
    }
}
