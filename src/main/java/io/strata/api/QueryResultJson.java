package io.strata.api;

import com.fasterxml.jackson.core.JsonGenerator;
import io.strata.logql.engine.QueryResult;
import io.strata.model.Direction;
import io.strata.model.Labels;
import io.strata.query.QueryStatistics;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Loki's query response bodies (API.md §2.4, LOGQL.md §3.15): the envelope with optional
 * {@code warnings}, then {@code resultType}, {@code encodingFlags} (streams with
 * {@code categorize-labels} only), {@code result}, {@code stats} in that order, which Grafana's
 * streaming reader depends on. Stream entries are {@code [ns string, line]} (plus the category
 * object with the flag); samples {@code [seconds number with ms decimals, Go float string]}.
 */
final class QueryResultJson {
    private static final DateTimeFormatter RFC3339_NANO = DateTimeFormatter.ofPattern(
            "yyyy-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);

    private QueryResultJson() {}

    static byte[] render(QueryResult result, boolean categorize, Direction direction, QueryStatistics stats,
            List<String> warnings) {
        return ResponseJson.render(g -> {
            g.writeStartObject();
            g.writeStringField("status", "success");
            if (!warnings.isEmpty()) {
                g.writeArrayFieldStart("warnings");
                for (String w : warnings) {
                    g.writeString(w);
                }
                g.writeEndArray();
            }
            g.writeObjectFieldStart("data");
            switch (result) {
                case QueryResult.Streams s -> {
                    g.writeStringField("resultType", "streams");
                    if (categorize) {
                        g.writeArrayFieldStart("encodingFlags");
                        g.writeString("categorize-labels");
                        g.writeEndArray();
                    }
                    g.writeFieldName("result");
                    streams(g, s, categorize, direction == Direction.FORWARD);
                }
                case QueryResult.Matrix m -> {
                    g.writeStringField("resultType", "matrix");
                    g.writeArrayFieldStart("result");
                    for (QueryResult.Series series : m.series()) {
                        g.writeStartObject();
                        g.writeFieldName("metric");
                        ResponseJson.writeLabels(g, series.labels());
                        g.writeArrayFieldStart("values");
                        for (QueryResult.Point p : series.points()) {
                            sample(g, p.timestampMillis(), p.value());
                        }
                        g.writeEndArray();
                        g.writeEndObject();
                    }
                    g.writeEndArray();
                }
                case QueryResult.Vector v -> {
                    g.writeStringField("resultType", "vector");
                    g.writeArrayFieldStart("result");
                    for (QueryResult.Sample s : v.samples()) {
                        g.writeStartObject();
                        g.writeFieldName("metric");
                        ResponseJson.writeLabels(g, s.labels());
                        g.writeFieldName("value");
                        sample(g, s.timestampMillis(), s.value());
                        g.writeEndObject();
                    }
                    g.writeEndArray();
                }
                case QueryResult.Scalar s -> {
                    g.writeStringField("resultType", "scalar");
                    g.writeFieldName("result");
                    sample(g, s.timestampMillis(), s.value());
                }
            }
            g.writeFieldName("stats");
            ResponseJson.writeStats(g, stats);
            g.writeEndObject();
            g.writeEndObject();
        });
    }

    /** The streams array: grouped by full labels, or with categorize-labels by stream labels. */
    private static void streams(JsonGenerator g, QueryResult.Streams s, boolean categorize, boolean forward)
            throws IOException {
        g.writeStartArray();
        if (!categorize) {
            for (QueryResult.LogStream stream : s.streams()) {
                g.writeStartObject();
                g.writeFieldName("stream");
                ResponseJson.writeLabels(g, stream.labels());
                g.writeArrayFieldStart("values");
                for (QueryResult.Entry e : stream.entries()) {
                    g.writeStartArray();
                    g.writeString(Long.toString(e.timestampNanos()));
                    g.writeString(e.line());
                    g.writeEndArray();
                }
                g.writeEndArray();
                g.writeEndObject();
            }
        } else {
            for (Map.Entry<Labels, List<QueryResult.Entry>> group : byStreamLabels(s, forward).entrySet()) {
                g.writeStartObject();
                g.writeFieldName("stream");
                ResponseJson.writeLabels(g, group.getKey());
                g.writeArrayFieldStart("values");
                for (QueryResult.Entry e : group.getValue()) {
                    g.writeStartArray();
                    g.writeString(Long.toString(e.timestampNanos()));
                    g.writeString(e.line());
                    writeCategories(g, e);
                    g.writeEndArray();
                }
                g.writeEndArray();
                g.writeEndObject();
            }
        }
        g.writeEndArray();
    }

    /**
     * The third element of a categorised entry: {@code {"structuredMetadata":{..},"parsed":{..}}},
     * each key only when non-empty, {@code {}} when both are (Grafana requires the element).
     */
    static void writeCategories(JsonGenerator g, QueryResult.Entry e) throws IOException {
        g.writeStartObject();
        if (e.structuredMetadata() != null && !e.structuredMetadata().isEmpty()) {
            g.writeFieldName("structuredMetadata");
            ResponseJson.writeLabels(g, e.structuredMetadata());
        }
        if (e.parsed() != null && !e.parsed().isEmpty()) {
            g.writeFieldName("parsed");
            ResponseJson.writeLabels(g, e.parsed());
        }
        g.writeEndObject();
    }

    /**
     * Entries regrouped by their indexed labels, in the direction order of the result (the engine
     * groups by full labels; one stored stream may have become several result streams).
     */
    static Map<Labels, List<QueryResult.Entry>> byStreamLabels(QueryResult.Streams s, boolean forward) {
        Map<Labels, List<QueryResult.Entry>> groups = new LinkedHashMap<>();
        for (QueryResult.LogStream stream : s.streams()) {
            for (QueryResult.Entry e : stream.entries()) {
                Labels key = e.streamLabels() == null ? stream.labels() : e.streamLabels();
                groups.computeIfAbsent(key, k -> new ArrayList<>()).add(e);
            }
        }
        Comparator<QueryResult.Entry> byTime = Comparator.comparingLong(QueryResult.Entry::timestampNanos);
        Comparator<QueryResult.Entry> order = forward ? byTime : byTime.reversed();
        Map<Labels, List<QueryResult.Entry>> sorted = new java.util.TreeMap<>(
                Comparator.comparing(Labels::toString));
        groups.forEach((k, v) -> {
            v.sort(order);
            sorted.put(k, v);
        });
        return sorted;
    }

    /** Legacy {@code /api/prom/query}: {@code {"streams":[{"labels":"{..}","entries":[{"ts","line"}]}],"stats":{..}}}. */
    static byte[] legacy(QueryResult.Streams s, QueryStatistics stats) {
        return ResponseJson.render(g -> {
            g.writeStartObject();
            g.writeArrayFieldStart("streams");
            for (QueryResult.LogStream stream : s.streams()) {
                g.writeStartObject();
                g.writeStringField("labels", stream.labels().toString());
                g.writeArrayFieldStart("entries");
                for (QueryResult.Entry e : stream.entries()) {
                    g.writeStartObject();
                    g.writeStringField("ts", rfc3339(e.timestampNanos()));
                    g.writeStringField("line", e.line());
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeFieldName("stats");
            ResponseJson.writeStats(g, stats);
            g.writeEndObject();
        });
    }

    /** Go's RFC3339Nano: fraction without trailing zeros, none at all when zero. */
    static String rfc3339(long nanos) {
        String s = RFC3339_NANO.format(Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L),
                Math.floorMod(nanos, 1_000_000_000L)));
        int dot = s.indexOf('.');
        int end = s.length() - 1;
        int last = end - 1;
        while (last > dot && s.charAt(last) == '0') {
            last--;
        }
        return last == dot ? s.substring(0, dot) + "Z" : s.substring(0, last + 1) + "Z";
    }

    static void sample(JsonGenerator g, long timestampMillis, double value) throws IOException {
        g.writeStartArray();
        g.writeNumber(seconds(timestampMillis));
        g.writeString(goFloat(value));
        g.writeEndArray();
    }

    /** Milliseconds as seconds with up to three decimals, as Loki prints them ({@code 1795295018.515}). */
    static String seconds(long millis) {
        long s = Math.floorDiv(millis, 1000);
        int ms = (int) Math.floorMod(millis, 1000);
        if (ms == 0) {
            return Long.toString(s);
        }
        String frac = String.format("%03d", ms);
        int end = frac.length();
        while (frac.charAt(end - 1) == '0') {
            end--;
        }
        if (s < 0) {
            // Go prints the float value: -1.5 for -1500 ms
            return BigDecimal.valueOf(millis, 3).stripTrailingZeros().toPlainString();
        }
        return s + "." + frac.substring(0, end);
    }

    /** Go's {@code strconv.FormatFloat(v, 'f', -1, 64)}: shortest round-trip decimal, no exponent. */
    static String goFloat(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        if (v == 0) {
            return (Double.doubleToRawLongBits(v) < 0) ? "-0" : "0";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return new BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
    }
}
