package io.strata.cluster;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.strata.model.Direction;
import io.strata.model.EntryIterator;
import io.strata.model.Label;
import io.strata.model.Labels;
import io.strata.model.Matcher;
import io.strata.model.SelectorParser;
import io.strata.storage.EntryStreamCodec;
import io.strata.storage.LogReader;
import io.strata.storage.ScanHints;
import io.strata.storage.StreamInfo;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A writer's internal API in a JDK {@link HttpServer}, over any {@link LogReader}, with switchable
 * faults; records every request's decoded query parameters.
 */
final class FakeWriter implements AutoCloseable {
    enum Mode { OK, ERROR_500, SLOW, TRUNCATED }

    final List<Map<String, List<String>>> requests = new CopyOnWriteArrayList<>();
    private final HttpServer server;
    private final LogReader reader;
    volatile Mode mode = Mode.OK;
    /** Benchmarks turn recording off. */
    volatile boolean record = true;

    FakeWriter(LogReader reader) throws IOException {
        this.reader = reader;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fake-writer");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/strata/internal/v1/streams", ex -> handle(ex, true));
        server.createContext("/strata/internal/v1/entries", ex -> handle(ex, false));
        server.start();
    }

    String authority() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange ex, boolean streams) throws IOException {
        try (ex) {
            Map<String, List<String>> q = query(ex.getRequestURI().getRawQuery());
            if (record) {
                requests.add(q);
            }
            switch (mode) {
                case ERROR_500 -> {
                    byte[] b = "storage on fire\n".getBytes(StandardCharsets.UTF_8);
                    ex.sendResponseHeaders(500, b.length);
                    ex.getResponseBody().write(b);
                    return;
                }
                case SLOW -> {
                    try {
                        Thread.sleep(5_000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                default -> { }
            }
            String tenant = q.get("tenant").get(0);
            long start = Long.parseLong(q.get("start").get(0));
            long end = Long.parseLong(q.get("end").get(0));
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            if (streams) {
                List<Matcher> m = q.containsKey("selector") ? SelectorParser.parseSelector(q.get("selector").get(0))
                        : List.of();
                EntryStreamCodec.writeStreams(reader.streams(tenant, m, start, end), body);
            } else {
                Labels.Builder b = Labels.builder();
                for (Label l : SelectorParser.parseLabels(q.get("labels").get(0))) {
                    b.set(l.name(), l.value());
                }
                Labels labels = b.build();
                Direction d = q.get("direction").get(0).equals("backward") ? Direction.BACKWARD : Direction.FORWARD;
                try (EntryIterator it = reader.entries(tenant, new StreamInfo(labels.fingerprint(), labels), start, end,
                        d, new ScanHints(q.getOrDefault("required", List.of())))) {
                    EntryStreamCodec.write(it, body);
                }
            }
            byte[] bytes = body.toByteArray();
            if (mode == Mode.TRUNCATED) {
                bytes = java.util.Arrays.copyOf(bytes, bytes.length / 2);
            }
            ex.getResponseHeaders().add("Content-Type", "application/octet-stream");
            ex.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private static Map<String, List<String>> query(String raw) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (raw == null) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
        }
        return out;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
