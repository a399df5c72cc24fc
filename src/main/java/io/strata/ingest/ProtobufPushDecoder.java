package io.strata.ingest;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import io.strata.model.Labels;
import io.strata.model.LogEntry;
import io.strata.model.StrataException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes Loki's {@code logproto.PushRequest} (already snappy-decompressed) by hand with
 * {@link CodedInputStream}: no generated classes and no intermediate message objects.
 * Field numbers are those of {@code pkg/push/push.proto}; unknown fields are skipped, a field
 * with the wrong wire type is an error, as in gogo-protobuf's generated code.
 */
public final class ProtobufPushDecoder {
    private ProtobufPushDecoder() {}

    public static List<RawStream> decode(byte[] body) {
        CodedInputStream in = CodedInputStream.newInstance(body);
        in.setSizeLimit(Integer.MAX_VALUE);
        in.setRecursionLimit(16);
        List<RawStream> streams = new ArrayList<>();
        try {
            while (true) {
                int tag = in.readTag();
                if (tag == 0) {
                    break;
                }
                int field = WireFormat.getTagFieldNumber(tag);
                if (field == 1) {
                    expect(tag, WireFormat.WIRETYPE_LENGTH_DELIMITED, "Streams");
                    int limit = in.pushLimit(in.readRawVarint32());
                    streams.add(readStream(in));
                    in.popLimit(limit);
                } else {
                    skip(in, tag, "PushRequest");
                }
            }
        } catch (IOException e) {
            throw StrataException.badRequest(protoMessage(e));
        }
        return streams;
    }

    private static RawStream readStream(CodedInputStream in) throws IOException {
        String labels = "";
        List<LogEntry> entries = new ArrayList<>();
        while (true) {
            int tag = in.readTag();
            if (tag == 0) {
                break;
            }
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> {
                    expect(tag, WireFormat.WIRETYPE_LENGTH_DELIMITED, "Labels");
                    labels = in.readString();
                }
                case 2 -> {
                    expect(tag, WireFormat.WIRETYPE_LENGTH_DELIMITED, "Entries");
                    int limit = in.pushLimit(in.readRawVarint32());
                    entries.add(readEntry(in));
                    in.popLimit(limit);
                }
                case 3 -> {
                    expect(tag, WireFormat.WIRETYPE_VARINT, "Hash");
                    in.readUInt64();
                }
                default -> skip(in, tag, "StreamAdapter");
            }
        }
        return new RawStream(labels, entries);
    }

    private static LogEntry readEntry(CodedInputStream in) throws IOException {
        long seconds = 0;
        int nanos = 0;
        String line = "";
        Labels.Builder metadata = null;
        while (true) {
            int tag = in.readTag();
            if (tag == 0) {
                break;
            }
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> {
                    expect(tag, WireFormat.WIRETYPE_LENGTH_DELIMITED, "Timestamp");
                    int limit = in.pushLimit(in.readRawVarint32());
                    while (true) {
                        int t = in.readTag();
                        if (t == 0) {
                            break;
                        }
                        int f = WireFormat.getTagFieldNumber(t);
                        if (f == 1) {
                            expect(t, WireFormat.WIRETYPE_VARINT, "Seconds");
                            seconds = in.readInt64();
                        } else if (f == 2) {
                            expect(t, WireFormat.WIRETYPE_VARINT, "Nanos");
                            nanos = in.readInt32();
                        } else {
                            skip(in, t, "Timestamp");
                        }
                    }
                    in.popLimit(limit);
                }
                case 2 -> {
                    expect(tag, WireFormat.WIRETYPE_LENGTH_DELIMITED, "Line");
                    line = in.readString();
                }
                case 3 -> {
                    expect(tag, WireFormat.WIRETYPE_LENGTH_DELIMITED, "StructuredMetadata");
                    int limit = in.pushLimit(in.readRawVarint32());
                    String name = "";
                    String value = "";
                    while (true) {
                        int t = in.readTag();
                        if (t == 0) {
                            break;
                        }
                        int f = WireFormat.getTagFieldNumber(t);
                        if (f == 1) {
                            expect(t, WireFormat.WIRETYPE_LENGTH_DELIMITED, "Name");
                            name = in.readString();
                        } else if (f == 2) {
                            expect(t, WireFormat.WIRETYPE_LENGTH_DELIMITED, "Value");
                            value = in.readString();
                        } else {
                            skip(in, t, "LabelPairAdapter");
                        }
                    }
                    in.popLimit(limit);
                    if (metadata == null) {
                        metadata = Labels.builder();
                    }
                    metadata.set(name, value);
                }
                default -> skip(in, tag, "EntryAdapter"); // 4 = parsed: query side only, ignored
            }
        }
        return new LogEntry(toNanos(seconds, nanos), line, metadata == null ? Labels.EMPTY : metadata.build());
    }

    /** Unix nanoseconds, saturated at the int64 range (year 1677..2262) like Go's UnixNano. */
    static long toNanos(long seconds, int nanos) {
        if (seconds > Long.MAX_VALUE / 1_000_000_000L - 1) {
            return Long.MAX_VALUE;
        }
        if (seconds < Long.MIN_VALUE / 1_000_000_000L + 1) {
            return Long.MIN_VALUE;
        }
        return seconds * 1_000_000_000L + nanos;
    }

    private static void expect(int tag, int wireType, String field) throws IOException {
        int actual = WireFormat.getTagWireType(tag);
        if (actual != wireType) {
            throw new IOException("proto: wrong wireType = " + actual + " for field " + field);
        }
    }

    private static void skip(CodedInputStream in, int tag, String message) throws IOException {
        int wireType = WireFormat.getTagWireType(tag);
        if (wireType == WireFormat.WIRETYPE_START_GROUP || wireType == WireFormat.WIRETYPE_END_GROUP
                || wireType > WireFormat.WIRETYPE_FIXED32) {
            throw new IOException("proto: " + message + ": illegal tag " + WireFormat.getTagFieldNumber(tag)
                    + " (wire type " + wireType + ")");
        }
        in.skipField(tag);
    }

    private static String protoMessage(IOException e) {
        String m = e.getMessage() == null ? "" : e.getMessage();
        if (m.startsWith("proto:")) {
            return m;
        }
        if (m.contains("truncated") || m.contains("ended unexpectedly")) {
            return "unexpected EOF";
        }
        if (m.contains("negative size")) {
            return "proto: negative length found during unmarshaling";
        }
        if (m.contains("invalid tag")) {
            return "proto: illegal tag 0 (wire type 0)";
        }
        return "proto: " + m;
    }
}
