package io.strata.api;

import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.xerial.snappy.Snappy;

/** Builds push bodies for tests: protobuf {@code PushRequest} by hand, snappy block format, gzip. */
final class PushBodies {
    record Entry(long tsNanos, String line, Map<String, String> metadata) {
        Entry(long tsNanos, String line) {
            this(tsNanos, line, Map.of());
        }
    }

    record Stream(String labels, List<Entry> entries) {}

    private PushBodies() {}

    static long nowNanos() {
        return System.currentTimeMillis() * 1_000_000L;
    }

    static byte[] protobuf(Stream... streams) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            CodedOutputStream req = CodedOutputStream.newInstance(out);
            for (Stream s : streams) {
                byte[] stream = stream(s);
                req.writeByteArray(1, stream);
            }
            req.flush();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] snappyProtobuf(Stream... streams) {
        try {
            return Snappy.compress(protobuf(streams));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] stream(Stream s) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CodedOutputStream c = CodedOutputStream.newInstance(out);
        c.writeString(1, s.labels());
        for (Entry e : s.entries()) {
            c.writeByteArray(2, entry(e));
        }
        c.flush();
        return out.toByteArray();
    }

    private static byte[] entry(Entry e) throws IOException {
        ByteArrayOutputStream ts = new ByteArrayOutputStream();
        CodedOutputStream t = CodedOutputStream.newInstance(ts);
        t.writeInt64(1, Math.floorDiv(e.tsNanos(), 1_000_000_000L));
        t.writeInt32(2, (int) Math.floorMod(e.tsNanos(), 1_000_000_000L));
        t.flush();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CodedOutputStream c = CodedOutputStream.newInstance(out);
        c.writeByteArray(1, ts.toByteArray());
        c.writeString(2, e.line());
        for (var md : e.metadata().entrySet()) {
            ByteArrayOutputStream pair = new ByteArrayOutputStream();
            CodedOutputStream p = CodedOutputStream.newInstance(pair);
            p.writeString(1, md.getKey());
            p.writeString(2, md.getValue());
            p.flush();
            c.writeByteArray(3, pair.toByteArray());
        }
        c.flush();
        return out.toByteArray();
    }

    static byte[] gzip(byte[] data) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (GZIPOutputStream g = new GZIPOutputStream(out)) {
                g.write(data);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A v1 JSON body with one stream. */
    static String json(String labelsJson, String... values) {
        return "{\"streams\":[{\"stream\":" + labelsJson + ",\"values\":[" + String.join(",", values) + "]}]}";
    }

    static String value(long ts, String line) {
        return "[\"" + ts + "\",\"" + line + "\"]";
    }
}
