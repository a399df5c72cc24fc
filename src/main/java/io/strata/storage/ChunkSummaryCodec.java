package io.strata.storage;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Wire form of one stream's {@link ChunkSummary} list (writers' internal {@code summaries} answer,
 * io/strata/cluster/README.md): {@code "SUM1"}, a 4-byte count, per summary five big-endian longs
 * ({@code from, through, bytes, entries, compressedBytes}) and a flag byte (1 = flushed), then the
 * count again, so a cut body fails instead of looking complete. A batch (several streams) is
 * {@code "SUMB"}, a 4-byte stream count, per stream the label set's text ({@code Labels.toString},
 * 4-byte length + UTF-8) and its list as above, then the stream count again. Stateless.
 */
public final class ChunkSummaryCodec {
    private static final int MAGIC = 0x53554d31; // "SUM1"
    private static final int BATCH_MAGIC = 0x53554d42; // "SUMB"
    private static final int MAX_COUNT = 1 << 20;

    private ChunkSummaryCodec() {}

    public static void write(List<ChunkSummary> summaries, OutputStream out) throws IOException {
        DataOutputStream d = new DataOutputStream(out);
        d.writeInt(MAGIC);
        d.writeInt(summaries.size());
        for (ChunkSummary s : summaries) {
            d.writeLong(s.fromNanos());
            d.writeLong(s.throughNanos());
            d.writeLong(s.bytes());
            d.writeLong(s.entries());
            d.writeLong(s.compressedBytes());
            d.writeByte(s.flushed() ? 1 : 0);
        }
        d.writeInt(summaries.size());
        d.flush();
    }

    public static byte[] toBytes(List<ChunkSummary> summaries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(12 + 41 * summaries.size());
        try {
            write(summaries, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** @throws CorruptDataException on a wrong magic, a cut body or a count mismatch */
    public static List<ChunkSummary> read(InputStream in) {
        DataInputStream d = new DataInputStream(in);
        try {
            List<ChunkSummary> out = list(d);
            if (d.read() != -1) {
                throw new CorruptDataException("chunk summary list does not end after " + out.size() + " summaries");
            }
            return out;
        } catch (EOFException e) {
            throw new CorruptDataException("cut chunk summary list");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<ChunkSummary> list(DataInputStream d) throws IOException {
        if (d.readInt() != MAGIC) {
            throw new CorruptDataException("not a chunk summary list");
        }
        int n = d.readInt();
        if (n < 0 || n > MAX_COUNT) {
            throw new CorruptDataException("bad chunk summary count " + n);
        }
        List<ChunkSummary> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            long from = d.readLong();
            long through = d.readLong();
            long bytes = d.readLong();
            long entries = d.readLong();
            long compressed = d.readLong();
            out.add(new ChunkSummary(from, through, bytes, entries, compressed, d.readByte() == 1));
        }
        if (d.readInt() != n) {
            throw new CorruptDataException("chunk summary list does not end after " + n + " summaries");
        }
        return out;
    }

    /** One stream's summaries in a batch answer. */
    public record StreamSummaries(String labels, List<ChunkSummary> summaries) {}

    public static void writeBatch(List<StreamSummaries> streams, OutputStream out) throws IOException {
        DataOutputStream d = new DataOutputStream(out);
        d.writeInt(BATCH_MAGIC);
        d.writeInt(streams.size());
        for (StreamSummaries s : streams) {
            byte[] labels = s.labels().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            d.writeInt(labels.length);
            d.write(labels);
            write(s.summaries(), d);
        }
        d.writeInt(streams.size());
        d.flush();
    }

    /** @throws CorruptDataException on a wrong magic, a cut body or a count mismatch */
    public static List<StreamSummaries> readBatch(InputStream in) {
        DataInputStream d = new DataInputStream(in);
        try {
            if (d.readInt() != BATCH_MAGIC) {
                throw new CorruptDataException("not a chunk summary batch");
            }
            int n = d.readInt();
            if (n < 0 || n > MAX_COUNT) {
                throw new CorruptDataException("bad stream count " + n);
            }
            List<StreamSummaries> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                int len = d.readInt();
                if (len < 0 || len > MAX_COUNT) {
                    throw new CorruptDataException("bad labels length " + len);
                }
                byte[] labels = d.readNBytes(len);
                if (labels.length != len) {
                    throw new EOFException();
                }
                out.add(new StreamSummaries(new String(labels, java.nio.charset.StandardCharsets.UTF_8), list(d)));
            }
            if (d.readInt() != n || d.read() != -1) {
                throw new CorruptDataException("chunk summary batch does not end after " + n + " streams");
            }
            return out;
        } catch (EOFException e) {
            throw new CorruptDataException("cut chunk summary batch");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
