package io.strata.cluster;

import io.strata.model.Direction;
import io.strata.model.EntryIterator;
import io.strata.model.ErrorCategory;
import io.strata.model.Label;
import io.strata.model.Labels;
import io.strata.model.Matcher;
import io.strata.model.SelectorParser;
import io.strata.model.StrataException;
import io.strata.storage.ChunkSummary;
import io.strata.storage.ChunkSummaryCodec;
import io.strata.storage.EntryStreamCodec;
import io.strata.storage.LogReader;
import io.strata.storage.ScanHints;
import io.strata.storage.StreamInfo;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One writer's unflushed data as a {@link LogReader}, over the writer's internal HTTP API
 * ({@code /strata/internal/v1/streams} and {@code /entries}, see README.md).
 *
 * <p>Each call is one GET whose whole body is read within the request timeout, then decoded
 * lazily: the connection goes back to the keep-alive pool at once (a query opening a thousand
 * streams does not hold a thousand sockets) and a writer that stalls mid-body cannot hang a read.
 * A failure (refused, timed out, non-200, undecodable) is reported to the {@link Listener} and
 * thrown as an {@link ErrorCategory#UNAVAILABLE} {@link StrataException} naming the writer; for
 * {@link #FAIL_FAST} afterwards calls fail at once, so a query over many streams does not pay a
 * connect timeout per stream. The first {@code entries} of a query also starts the requests for the
 * other streams this writer just listed ({@link EntriesPrefetch}), so a query over many streams pays
 * about one round trip per {@link EntriesPrefetch#IN_FLIGHT} streams instead of one per stream.
 * Thread-safe.
 */
public final class WriterClient implements LogReader {
    /** How long after a failure calls fail without trying. */
    static final Duration FAIL_FAST = Duration.ofSeconds(1);
    static final String STREAMS_PATH = "/strata/internal/v1/streams";
    static final String ENTRIES_PATH = "/strata/internal/v1/entries";
    static final String SUMMARIES_PATH = "/strata/internal/v1/summaries";
    /** Largest answer read from a writer (one stream's unflushed entries in a query's range). */
    static final long MAX_BODY_BYTES = 256L << 20;

    /** Outcome of each request, for logs and metrics. */
    public interface Listener {
        void failed(String writer, RuntimeException cause);

        default void succeeded(String writer) {}
    }

    private final String authority;
    private final HttpClient http;
    private final Duration timeout;
    private final Listener listener;
    private volatile long failFastUntilNanos = System.nanoTime();
    private final EntriesPrefetch prefetch = new EntriesPrefetch();
    private final SummaryBatches batches = new SummaryBatches();
    private final long maxBodyBytes;

    /**
     * @param authority {@code host:port} of the writer ({@code [v6]:port})
     * @param http      a shared client (HTTP/1.1, connect timeout set by its builder)
     * @param timeout   limit of one request, body included
     */
    public WriterClient(String authority, HttpClient http, Duration timeout, Listener listener) {
        this(authority, http, timeout, listener, MAX_BODY_BYTES);
    }

    WriterClient(String authority, HttpClient http, Duration timeout, Listener listener, long maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
        this.authority = authority;
        this.http = http;
        this.timeout = timeout;
        this.listener = listener;
    }

    /** A client as readers use it: HTTP/1.1 keep-alive and the given connect timeout. */
    public static HttpClient httpClient(Duration connectTimeout) {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public String authority() {
        return authority;
    }

    @Override
    public List<StreamInfo> streams(String tenant, List<Matcher> matchers, long fromNanos, long throughNanos) {
        StringBuilder q = new StringBuilder(STREAMS_PATH).append("?tenant=").append(encode(tenant));
        if (!matchers.isEmpty()) {
            q.append("&selector=").append(encode(selector(matchers)));
        }
        q.append("&start=").append(fromNanos).append("&end=").append(throughNanos);
        byte[] body = fetch(q.toString());
        List<StreamInfo> listed;
        try {
            listed = EntryStreamCodec.readStreams(new ByteArrayInputStream(body));
        } catch (RuntimeException e) {
            throw failed("undecodable streams response", e);
        }
        prefetch.listed(tenant, fromNanos, throughNanos, listed);
        batches.listed(tenant, fromNanos, throughNanos, matchers.isEmpty() ? null : selector(matchers));
        return listed;
    }

    @Override
    public EntryIterator entries(String tenant, StreamInfo stream, long fromNanos, long throughNanos,
            Direction direction, ScanHints hints) {
        EntriesPrefetch.Key key = new EntriesPrefetch.Key(tenant, stream.labels(), fromNanos, throughNanos, direction,
                hints == null ? List.of() : hints.requiredSubstrings());
        CompletableFuture<HttpResponse<byte[]>> started = prefetch.take(key);
        if (started == null) {
            checkFailFast();
            prefetch.startOthers(key, k -> send(entriesPath(k)));
            started = send(entriesPath(key));
        }
        byte[] body = await(started);
        try {
            return EntryStreamCodec.read(new ByteArrayInputStream(body));
        } catch (RuntimeException e) {
            throw failed("undecodable entries response", e);
        }
    }

    /**
     * The writer's chunk summaries of the stream (no lines travel): from one batch request for all
     * streams of the range's latest listing ({@link SummaryBatches}), else one request for the stream.
     */
    @Override
    public List<ChunkSummary> chunkSummaries(String tenant, StreamInfo stream, long fromNanos, long throughNanos) {
        List<ChunkSummary> batched = batches.get(tenant, stream.labels(), fromNanos, throughNanos, this::fetchBatch);
        if (batched != null) {
            return batched;
        }
        byte[] body = fetch(SUMMARIES_PATH + "?tenant=" + encode(tenant) + "&labels=" + encode(stream.labels().toString())
                + "&start=" + fromNanos + "&end=" + throughNanos);
        try {
            return ChunkSummaryCodec.read(new ByteArrayInputStream(body));
        } catch (RuntimeException e) {
            throw failed("undecodable summaries response", e);
        }
    }

    private Map<Labels, List<ChunkSummary>> fetchBatch(SummaryBatches.Key key, String selector) {
        StringBuilder q = new StringBuilder(SUMMARIES_PATH).append("?tenant=").append(encode(key.tenant()));
        if (selector != null) {
            q.append("&selector=").append(encode(selector));
        }
        q.append("&start=").append(key.fromNanos()).append("&end=").append(key.throughNanos());
        byte[] body = fetch(q.toString());
        try {
            Map<Labels, List<ChunkSummary>> out = new HashMap<>();
            for (ChunkSummaryCodec.StreamSummaries s : ChunkSummaryCodec.readBatch(new ByteArrayInputStream(body))) {
                Labels.Builder b = Labels.builder();
                for (Label l : SelectorParser.parseLabels(s.labels())) {
                    b.set(l.name(), l.value());
                }
                out.put(b.build(), s.summaries());
            }
            return out;
        } catch (RuntimeException e) {
            throw failed("undecodable summaries response", e);
        }
    }

    static String entriesPath(EntriesPrefetch.Key k) {
        StringBuilder q = new StringBuilder(ENTRIES_PATH).append("?tenant=").append(encode(k.tenant()))
                .append("&labels=").append(encode(k.labels().toString()))
                .append("&start=").append(k.fromNanos()).append("&end=").append(k.throughNanos())
                .append("&direction=").append(k.direction().name().toLowerCase(Locale.ROOT));
        for (String s : k.required()) {
            q.append("&required=").append(encode(s));
        }
        return q.toString();
    }

    /** {@code {a="b", c=~"d"}} in LogQL syntax, as {@code SelectorParser.parseSelector} reads it. */
    static String selector(List<Matcher> matchers) {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < matchers.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(matchers.get(i));
        }
        return sb.append('}').toString();
    }

    private byte[] fetch(String pathAndQuery) {
        checkFailFast();
        return await(send(pathAndQuery));
    }

    private void checkFailFast() {
        if (System.nanoTime() - failFastUntilNanos < 0) {
            throw new StrataException(ErrorCategory.UNAVAILABLE,
                    "writer " + authority + " unavailable: failed less than " + FAIL_FAST.toMillis() + " ms ago");
        }
    }

    private CompletableFuture<HttpResponse<byte[]>> send(String pathAndQuery) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + authority + pathAndQuery))
                .timeout(timeout).GET().build();
        return http.sendAsync(request, CappedBody.handler(maxBodyBytes));
    }

    private byte[] await(CompletableFuture<HttpResponse<byte[]>> future) {
        HttpResponse<byte[]> response;
        try {
            response = future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new StrataException(ErrorCategory.CANCELLED, "interrupted while asking writer " + authority);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw failed("no complete answer within " + timeout.toMillis() + " ms", null);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof EntriesPrefetch.Aborted aborted) {
                // reported once already, by the request that failed
                throw new StrataException(ErrorCategory.UNAVAILABLE,
                        "writer " + authority + " unavailable: " + aborted.getMessage(), aborted);
            }
            throw failed(describe(cause), cause);
        }
        if (response.statusCode() != 200) {
            String text = new String(response.body(), 0, Math.min(response.body().length, 200), StandardCharsets.UTF_8);
            throw failed("HTTP " + response.statusCode() + ": " + text.strip(), null);
        }
        listener.succeeded(authority);
        return response.body();
    }

    private StrataException failed(String why, Throwable cause) {
        failFastUntilNanos = System.nanoTime() + FAIL_FAST.toNanos();
        StrataException e = new StrataException(ErrorCategory.UNAVAILABLE,
                "writer " + authority + " unavailable: " + why, cause);
        listener.failed(authority, e);
        return e;
    }

    private static String describe(Throwable t) {
        String m = t.getMessage();
        String name = t.getClass().getSimpleName();
        return m == null || m.isBlank() ? name : name + ": " + m;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Override
    public String toString() {
        return "writer " + authority;
    }
}
