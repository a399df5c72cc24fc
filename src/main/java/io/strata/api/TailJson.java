package io.strata.api;

import com.fasterxml.jackson.core.JsonGenerator;
import io.strata.logql.engine.QueryResult;
import io.strata.query.TailSession;
import java.io.IOException;
import java.time.Instant;
import java.util.List;

/**
 * Tail frames (API.md §4), one JSON object per batch with one {@code streams} element per entry,
 * as Loki's tailer sends them. v1: {@code {"streams":[{"stream":{..},"values":[["ns","line"]]}],
 * "dropped_entries":[{"timestamp":"ns","labels":{..}}],"encodingFlags":[..]}}, with
 * {@code dropped_entries} only when non-empty and {@code encodingFlags} only when the request
 * carried flags (with {@code categorize-labels}: indexed labels in {@code stream} and a third
 * value element). Legacy {@code /api/prom/tail}: {@code {"streams":[{"labels":"{..}","entries":
 * [{"ts":"RFC3339Nano","line":".."}]}],"dropped_entries":null}}.
 */
final class TailJson {
    private TailJson() {}

    static String v1(TailSession.Batch batch, List<String> flags) {
        boolean categorize = flags.contains("categorize-labels");
        return new String(ResponseJson.render(g -> {
            g.writeStartObject();
            g.writeArrayFieldStart("streams");
            for (TailSession.Item item : batch.items()) {
                QueryResult.Entry e = item.entry();
                g.writeStartObject();
                g.writeFieldName("stream");
                ResponseJson.writeLabels(g, categorize ? e.streamLabels() : item.labels());
                g.writeArrayFieldStart("values");
                g.writeStartArray();
                g.writeString(Long.toString(e.timestampNanos()));
                g.writeString(e.line());
                if (categorize) {
                    QueryResultJson.writeCategories(g, e);
                }
                g.writeEndArray();
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            if (!batch.dropped().isEmpty()) {
                g.writeArrayFieldStart("dropped_entries");
                for (TailSession.Dropped d : batch.dropped()) {
                    g.writeStartObject();
                    g.writeStringField("timestamp", Long.toString(d.timestampNanos()));
                    if (!d.labels().isEmpty()) {
                        g.writeFieldName("labels");
                        ResponseJson.writeLabels(g, d.labels());
                    }
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
            if (!flags.isEmpty()) {
                g.writeArrayFieldStart("encodingFlags");
                for (String f : flags) {
                    g.writeString(f);
                }
                g.writeEndArray();
            }
            g.writeEndObject();
        }), java.nio.charset.StandardCharsets.UTF_8).stripTrailing();
    }

    static String legacy(TailSession.Batch batch) {
        return new String(ResponseJson.render(g -> {
            g.writeStartObject();
            g.writeArrayFieldStart("streams");
            for (TailSession.Item item : batch.items()) {
                QueryResult.Entry e = item.entry();
                g.writeStartObject();
                g.writeStringField("labels", item.labels().toString());
                g.writeArrayFieldStart("entries");
                g.writeStartObject();
                g.writeStringField("ts", rfc3339Nano(e.timestampNanos()));
                g.writeStringField("line", e.line());
                g.writeEndObject();
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeFieldName("dropped_entries");
            if (batch.dropped().isEmpty()) {
                g.writeNull();
            } else {
                g.writeStartArray();
                for (TailSession.Dropped d : batch.dropped()) {
                    writeLegacyDropped(g, d);
                }
                g.writeEndArray();
            }
            g.writeEndObject();
        }), java.nio.charset.StandardCharsets.UTF_8).stripTrailing();
    }

    private static void writeLegacyDropped(JsonGenerator g, TailSession.Dropped d) throws IOException {
        g.writeStartObject();
        g.writeStringField("Timestamp", rfc3339Nano(d.timestampNanos()));
        g.writeStringField("Labels", d.labels().toString());
        g.writeEndObject();
    }

    /** Go's {@code time.RFC3339Nano} in UTC: trailing zeros of the fraction dropped, {@code Z}. */
    static String rfc3339Nano(long nanos) {
        Instant t = Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
        String base = t.atOffset(java.time.ZoneOffset.UTC).withNano(0).toLocalDateTime().toString();
        if (base.length() == 16) {
            base += ":00";
        }
        int n = t.getNano();
        if (n == 0) {
            return base + "Z";
        }
        String frac = String.format("%09d", n);
        int end = frac.length();
        while (frac.charAt(end - 1) == '0') {
            end--;
        }
        return base + "." + frac.substring(0, end) + "Z";
    }
}
