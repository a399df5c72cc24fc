package io.strata.ingest;

import io.strata.config.ByteSize;
import io.strata.model.ErrorCategory;
import io.strata.model.StrataException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import org.xerial.snappy.Snappy;

/**
 * Turns a push body into streams the way Loki's {@code pkg/loghttp/push} does: first the
 * {@code Content-Encoding} ({@code gzip}, raw {@code deflate}; {@code snappy} accepted and ignored),
 * then the media type: {@code application/json} is JSON (v1, or legacy on {@code /api/prom/push}),
 * anything else a snappy <em>block</em>-compressed protobuf {@code PushRequest}. Size limits give
 * 413 with Loki's text.
 */
public final class PushBodyReader {
    private final long maxRecvMsgSize;
    private final long maxDecompressedSize;

    public PushBodyReader(long maxRecvMsgSize, long maxDecompressedSize) {
        this.maxRecvMsgSize = maxRecvMsgSize;
        // whatever is configured, a body must fit in one Java array
        this.maxDecompressedSize = Math.min(maxDecompressedSize, Integer.MAX_VALUE - 16);
    }

    public long maxRecvMsgSize() {
        return maxRecvMsgSize;
    }

    /**
     * @param legacy true for {@code /api/prom/push} (legacy JSON schema)
     */
    public List<RawStream> read(String contentType, String contentEncoding, byte[] body, boolean legacy) {
        return read(contentType, contentEncoding, body, 0, body.length, legacy);
    }

    /** {@link #read(String, String, byte[], boolean)} of {@code body[off, off + len)}, read in place (no copy). */
    public List<RawStream> read(String contentType, String contentEncoding, byte[] body, int off, int len,
            boolean legacy) {
        if (maxRecvMsgSize > 0 && len > maxRecvMsgSize) {
            throw tooLarge("message size too large", len, maxRecvMsgSize);
        }
        byte[] data = body;
        int dataOff = off;
        int dataLen = len;
        String encoding = contentEncoding == null ? "" : contentEncoding;
        switch (encoding) {
            case "", "snappy" -> { }
            case "gzip" -> data = inflate(body, off, len, true);
            case "deflate" -> data = inflate(body, off, len, false);
            default -> throw StrataException.badRequest("Content-Encoding \"" + encoding + "\" not supported");
        }
        if (data != body) {
            dataOff = 0;
            dataLen = data.length;
        }
        String mediaType = mediaType(contentType);
        if (mediaType.equals("application/json")) {
            return legacy ? JsonPushDecoder.decodeLegacy(data, dataOff, dataLen)
                    : JsonPushDecoder.decodeV1(data, dataOff, dataLen);
        }
        return ProtobufPushDecoder.decode(unsnappy(data, dataOff, dataLen));
    }

    /** Go's {@code mime.ParseMediaType}, reduced to what decides the decoder; lower-cased type. */
    static String mediaType(String contentType) {
        String v = contentType == null ? "" : contentType;
        int semi = v.indexOf(';');
        String type = (semi >= 0 ? v.substring(0, semi) : v).trim().toLowerCase(Locale.ROOT);
        if (type.isEmpty()) {
            throw StrataException.badRequest("mime: no media type");
        }
        int slash = type.indexOf('/');
        if (slash < 0) {
            throw StrataException.badRequest("mime: expected slash after first token");
        }
        if (slash == type.length() - 1) {
            throw StrataException.badRequest("mime: expected token after slash");
        }
        return type;
    }

    private byte[] unsnappy(byte[] data, int off, int len) {
        try {
            if (!Snappy.isValidCompressedBuffer(data, off, len)) {
                throw StrataException.badRequest("snappy: corrupt input");
            }
            int length = Snappy.uncompressedLength(data, off, len);
            if (length < 0) {
                throw StrataException.badRequest("snappy: corrupt input");
            }
            if (maxDecompressedSize > 0 && length > maxDecompressedSize) {
                throw tooLarge("decompressed message size too large", length, maxDecompressedSize);
            }
            byte[] out = new byte[length];
            int n = Snappy.uncompress(data, off, len, out, 0);
            if (n != length) {
                throw StrataException.badRequest("snappy: corrupt input");
            }
            return out;
        } catch (IOException e) {
            throw StrataException.badRequest("snappy: corrupt input");
        }
    }

    private byte[] inflate(byte[] body, int off, int len, boolean gzip) {
        try (InputStream in = gzip
                ? new GZIPInputStream(new ByteArrayInputStream(body, off, len), 8192)
                : new InflaterInputStream(new ByteArrayInputStream(body, off, len), new Inflater(true), 8192)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, len * 4));
            byte[] buf = new byte[64 * 1024];
            long total = 0;
            int n;
            while ((n = in.read(buf)) > 0) {
                total += n;
                if (maxDecompressedSize > 0 && total > maxDecompressedSize) {
                    throw tooLarge("decompressed message size too large", total, maxDecompressedSize);
                }
                out.write(buf, 0, n);
            }
            return out.toByteArray();
        } catch (java.io.EOFException e) {
            throw StrataException.badRequest("unexpected EOF");
        } catch (java.util.zip.ZipException e) {
            throw StrataException.badRequest(gzip ? "gzip: invalid header" : "flate: corrupt input");
        } catch (IOException e) {
            throw StrataException.badRequest((gzip ? "gzip: " : "flate: ") + e.getMessage());
        }
    }

    private static StrataException tooLarge(String what, long size, long max) {
        return new StrataException(ErrorCategory.TOO_LARGE,
                "request body too large: " + what + " than max (" + size + " vs " + max + ")");
    }

    /** For messages: the limit in Loki's human form. */
    public static String human(long bytes) {
        return ByteSize.format(bytes);
    }
}
