package io.strata.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import io.strata.model.Labels;
import io.strata.model.LogEntry;
import io.strata.model.StrataException;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes JSON push bodies with jackson-core's streaming parser, building no tree: the v1 form
 * ({@code {"streams":[{"stream":{..},"values":[["<ns>","line",{..}]]}]}}) and the legacy form of
 * {@code /api/prom/push} ({@code {"streams":[{"labels":"{..}","entries":[{"ts":"<RFC3339>","line":".."}]}]}}).
 */
public final class JsonPushDecoder {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxStringLength(Integer.MAX_VALUE).maxNestingDepth(64).build())
            .build();

    private JsonPushDecoder() {}

    /** {@link #decodeV1(byte[])} of {@code body[off, off + len)}. */
    public static List<RawStream> decodeV1(byte[] body, int off, int len) {
        return decode(body, off, len, false);
    }

    /** {@link #decodeLegacy(byte[])} of {@code body[off, off + len)}. */
    public static List<RawStream> decodeLegacy(byte[] body, int off, int len) {
        return decode(body, off, len, true);
    }

    public static List<RawStream> decodeV1(byte[] body) {
        return decode(body, false);
    }

    public static List<RawStream> decodeLegacy(byte[] body) {
        return decode(body, true);
    }

    private static List<RawStream> decode(byte[] body, boolean legacy) {
        return decode(body, 0, body.length, legacy);
    }

    private static List<RawStream> decode(byte[] body, int off, int len, boolean legacy) {
        List<RawStream> streams = new ArrayList<>();
        try (JsonParser p = FACTORY.createParser(body, off, len)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw bad("push request must be a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken t = p.nextToken();
                if ("streams".equals(field) && t != JsonToken.VALUE_NULL) {
                    if (t != JsonToken.START_ARRAY) {
                        throw bad("streams must be an array");
                    }
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        streams.add(legacy ? legacyStream(p) : v1Stream(p));
                    }
                } else {
                    p.skipChildren();
                }
            }
            if (p.nextToken() != null) {
                throw bad("unexpected data after the push request object");
            }
        } catch (JsonProcessingException e) {
            throw bad("malformed JSON push request: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw bad("malformed JSON push request: " + e.getMessage());
        }
        return streams;
    }

    private static RawStream v1Stream(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw bad("each stream must be a JSON object");
        }
        Labels labels = Labels.EMPTY;
        List<LogEntry> entries = new ArrayList<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken t = p.nextToken();
            if ("stream".equals(field) && t != JsonToken.VALUE_NULL) {
                labels = stringMap(p, "stream");
            } else if ("values".equals(field) && t != JsonToken.VALUE_NULL) {
                if (t != JsonToken.START_ARRAY) {
                    throw bad("values must be an array");
                }
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    entries.add(v1Entry(p));
                }
            } else {
                p.skipChildren();
            }
        }
        return new RawStream(labels.toString(), entries);
    }

    private static LogEntry v1Entry(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw bad("each value must be an array [\"<timestamp ns>\", \"<line>\"]");
        }
        if (p.nextToken() != JsonToken.VALUE_STRING) {
            throw bad("timestamp of a value must be a string of Unix epoch nanoseconds");
        }
        String ts = p.getText();
        long nanos;
        try {
            nanos = Long.parseLong(ts);
        } catch (NumberFormatException e) {
            throw bad("strconv.ParseInt: parsing " + quote(ts) + ": invalid syntax");
        }
        if (p.nextToken() != JsonToken.VALUE_STRING) {
            throw bad("log line of a value must be a string");
        }
        String line = p.getText();
        Labels metadata = Labels.EMPTY;
        JsonToken t = p.nextToken();
        if (t == JsonToken.START_OBJECT) {
            metadata = stringMap(p, "structured metadata");
            t = p.nextToken();
        } else if (t == JsonToken.VALUE_NULL) {
            t = p.nextToken();
        }
        if (t != JsonToken.END_ARRAY) {
            throw bad("a value must have 2 or 3 elements: timestamp, line and optional structured metadata");
        }
        return new LogEntry(nanos, line, metadata);
    }

    private static Labels stringMap(JsonParser p, String what) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw bad(what + " must be a JSON object of strings");
        }
        Labels.Builder b = Labels.builder();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            if (p.nextToken() != JsonToken.VALUE_STRING) {
                throw bad(what + " value of " + quote(name) + " must be a string");
            }
            b.set(name, p.getText());
        }
        return b.build();
    }

    private static RawStream legacyStream(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw bad("each stream must be a JSON object");
        }
        String labels = "";
        List<LogEntry> entries = new ArrayList<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken t = p.nextToken();
            if ("labels".equals(field) && t == JsonToken.VALUE_STRING) {
                labels = p.getText();
            } else if ("entries".equals(field) && t == JsonToken.START_ARRAY) {
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    entries.add(legacyEntry(p));
                }
            } else if (("labels".equals(field) || "entries".equals(field)) && t != JsonToken.VALUE_NULL) {
                throw bad("invalid type of field " + field);
            } else {
                p.skipChildren();
            }
        }
        return new RawStream(labels, entries);
    }

    private static LogEntry legacyEntry(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw bad("each entry must be a JSON object {\"ts\":..,\"line\":..}");
        }
        long nanos = 0;
        String line = "";
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken t = p.nextToken();
            if ("ts".equals(field)) {
                if (t != JsonToken.VALUE_STRING) {
                    throw bad("ts must be an RFC3339 string");
                }
                nanos = parseRfc3339(p.getText());
            } else if ("line".equals(field)) {
                if (t != JsonToken.VALUE_STRING) {
                    throw bad("line must be a string");
                }
                line = p.getText();
            } else {
                p.skipChildren();
            }
        }
        return new LogEntry(nanos, line);
    }

    static long parseRfc3339(String s) {
        try {
            Instant i = Instant.parse(s);
            return ProtobufPushDecoder.toNanos(i.getEpochSecond(), i.getNano());
        } catch (DateTimeParseException e) {
            throw bad("parsing time " + quote(s) + " as \"2006-01-02T15:04:05.999999999Z07:00\": cannot parse");
        }
    }

    private static String quote(String s) {
        return io.strata.model.Labels.quote(s);
    }

    private static StrataException bad(String message) {
        return StrataException.badRequest(message);
    }
}
