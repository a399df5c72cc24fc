package io.strata.bench;

import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.xerial.snappy.Snappy;

/**
 * Push load generator: sends realistic batches (protobuf + snappy like Promtail, or JSON like
 * Fluent Bit) over several connections until a byte budget of log lines is sent, and prints
 * MB/s and lines/s. Run by {@code bench/ingest.sh}, which also measures the server's CPU and RSS.
 *
 * <p>Arguments: {@code url tenant format(protobuf|json) totalMiB connections batchKiB startNanos spanSeconds}.
 */
public final class PushLoad {
    public static void main(String[] args) throws Exception {
        URI url = URI.create(args[0]);
        String tenant = args[1];
        boolean json = args[2].equals("json");
        long totalBytes = Long.parseLong(args[3]) * 1024 * 1024;
        int connections = Integer.parseInt(args[4]);
        int batchBytes = Integer.parseInt(args[5]) * 1024;
        long startNanos = args.length > 6 ? Long.parseLong(args[6]) : System.currentTimeMillis() * 1_000_000L - 3_600_000_000_000L;
        long spanNanos = (args.length > 7 ? Long.parseLong(args[7]) : 3600) * 1_000_000_000L;

        AtomicLong sentBytes = new AtomicLong();
        AtomicLong sentLines = new AtomicLong();
        AtomicLong rawBodyBytes = new AtomicLong();
        int streams = LogLineGenerator.streamCount();
        long linesPlanned = totalBytes / 220; // ~220 bytes per line on average
        long stepNanos = Math.max(1, spanNanos / Math.max(1, linesPlanned));
        ExecutorService pool = Executors.newFixedThreadPool(connections);
        List<Future<?>> futures = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int c = 0; c < connections; c++) {
            int conn = c;
            futures.add(pool.submit(() -> {
                HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                LogLineGenerator gen = new LogLineGenerator(conn * 7919L + 1);
                long lineNo = conn;
                while (sentBytes.get() < totalBytes) {
                    // one batch: a few streams of this connection, lines spread over the time span
                    List<List<String>> lines = new ArrayList<>();
                    List<List<Long>> times = new ArrayList<>();
                    int[] streamIds = new int[4];
                    for (int s = 0; s < streamIds.length; s++) {
                        streamIds[s] = (conn + s * connections) % streams;
                        lines.add(new ArrayList<>());
                        times.add(new ArrayList<>());
                    }
                    int bytes = 0;
                    int n = 0;
                    while (bytes < batchBytes) {
                        int s = n++ % streamIds.length;
                        long ts = startNanos + lineNo * stepNanos / connections;
                        lineNo += connections;
                        String line = gen.line(streamIds[s], ts);
                        lines.get(s).add(line);
                        times.get(s).add(ts);
                        bytes += line.length();
                    }
                    byte[] body = json ? jsonBody(streamIds, lines, times) : protobufBody(streamIds, lines, times);
                    HttpRequest req = HttpRequest.newBuilder(url)
                            .header("Content-Type", json ? "application/json" : "application/x-protobuf")
                            .header("X-Scope-OrgID", tenant)
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
                    HttpResponse<String> r = client.send(req, HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() != 204) {
                        throw new IllegalStateException("push failed " + r.statusCode() + ": " + r.body());
                    }
                    sentBytes.addAndGet(bytes);
                    sentLines.addAndGet(n);
                    rawBodyBytes.addAndGet(body.length);
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        double secs = (System.nanoTime() - t0) / 1e9;
        double mib = sentBytes.get() / 1048576.0;
        System.out.printf("sent %.1f MiB of lines (%d lines, %.1f MiB on the wire) in %.2f s: %.1f MiB/s, %.0f lines/s%n",
                mib, sentLines.get(), rawBodyBytes.get() / 1048576.0, secs, mib / secs, sentLines.get() / secs);
        System.out.printf("RESULT mib=%.1f seconds=%.3f lines=%d%n", mib, secs, sentLines.get());
    }

    static byte[] protobufBody(int[] streamIds, List<List<String>> lines, List<List<Long>> times) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 20);
        CodedOutputStream req = CodedOutputStream.newInstance(out);
        for (int s = 0; s < streamIds.length; s++) {
            ByteArrayOutputStream streamBuf = new ByteArrayOutputStream();
            CodedOutputStream stream = CodedOutputStream.newInstance(streamBuf);
            stream.writeString(1, LogLineGenerator.streamLabels(streamIds[s]));
            for (int i = 0; i < lines.get(s).size(); i++) {
                long ts = times.get(s).get(i);
                ByteArrayOutputStream tsBuf = new ByteArrayOutputStream();
                CodedOutputStream tsOut = CodedOutputStream.newInstance(tsBuf);
                tsOut.writeInt64(1, ts / 1_000_000_000L);
                tsOut.writeInt32(2, (int) (ts % 1_000_000_000L));
                tsOut.flush();
                ByteArrayOutputStream entryBuf = new ByteArrayOutputStream();
                CodedOutputStream entry = CodedOutputStream.newInstance(entryBuf);
                entry.writeByteArray(1, tsBuf.toByteArray());
                entry.writeString(2, lines.get(s).get(i));
                entry.flush();
                stream.writeByteArray(2, entryBuf.toByteArray());
            }
            stream.flush();
            req.writeByteArray(1, streamBuf.toByteArray());
        }
        req.flush();
        return Snappy.compress(out.toByteArray());
    }

    static byte[] jsonBody(int[] streamIds, List<List<String>> lines, List<List<Long>> times) {
        StringBuilder sb = new StringBuilder(1 << 20).append("{\"streams\":[");
        for (int s = 0; s < streamIds.length; s++) {
            if (s > 0) {
                sb.append(',');
            }
            sb.append("{\"stream\":{");
            String labels = LogLineGenerator.streamLabels(streamIds[s]);
            String[] pairs = labels.substring(1, labels.length() - 1).split(", ");
            for (int p = 0; p < pairs.length; p++) {
                int eq = pairs[p].indexOf('=');
                if (p > 0) {
                    sb.append(',');
                }
                sb.append('"').append(pairs[p], 0, eq).append("\":").append(pairs[p].substring(eq + 1));
            }
            sb.append("},\"values\":[");
            for (int i = 0; i < lines.get(s).size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                sb.append("[\"").append(times.get(s).get(i)).append("\",\"");
                escape(sb, lines.get(s).get(i));
                sb.append("\"]");
            }
            sb.append("]}");
        }
        return sb.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void escape(StringBuilder sb, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\');
            }
            sb.append(c);
        }
    }

    private PushLoad() {}

}
