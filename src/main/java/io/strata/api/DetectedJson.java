package io.strata.api;

import com.fasterxml.jackson.core.JsonGenerator;
import io.strata.query.DetectedFields;
import io.strata.query.DetectedLabels;
import io.strata.query.PatternMiner;
import io.strata.tenant.Limits;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Bodies of the Drilldown routes, as Loki's gogo-proto structs marshal them: empty lists are
 * omitted ({@code omitempty}), so "nothing found" is {@code {}}; {@code parsers} is always written
 * ({@code null} for structured metadata); {@code limit} only accompanies a non-empty answer.
 */
final class DetectedJson {
    private DetectedJson() {}

    static byte[] labels(List<DetectedLabels.Label> labels) {
        return ResponseJson.render(g -> {
            g.writeStartObject();
            if (!labels.isEmpty()) {
                g.writeArrayFieldStart("detectedLabels");
                for (DetectedLabels.Label l : labels) {
                    g.writeStartObject();
                    g.writeStringField("label", l.label());
                    if (l.cardinality() != 0) {
                        g.writeNumberField("cardinality", l.cardinality());
                    }
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
            g.writeEndObject();
        });
    }

    static byte[] fields(List<DetectedFields.Field> fields, int limit) {
        return ResponseJson.render(g -> {
            g.writeStartObject();
            if (!fields.isEmpty()) {
                g.writeArrayFieldStart("fields");
                for (DetectedFields.Field f : fields) {
                    g.writeStartObject();
                    g.writeStringField("label", f.label());
                    g.writeStringField("type", f.type());
                    if (f.cardinality() != 0) {
                        g.writeNumberField("cardinality", f.cardinality());
                    }
                    g.writeFieldName("parsers");
                    strings(g, f.parsers());
                    if (f.jsonPath() != null && !f.jsonPath().isEmpty()) {
                        g.writeFieldName("jsonPath");
                        strings(g, f.jsonPath());
                    }
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeNumberField("limit", limit);
            }
            g.writeEndObject();
        });
    }

    static byte[] values(List<String> values, int limit) {
        return ResponseJson.render(g -> {
            g.writeStartObject();
            if (!values.isEmpty()) {
                g.writeNumberField("limit", limit);
                g.writeFieldName("values");
                strings(g, values);
            }
            g.writeEndObject();
        });
    }

    /** {@code /loki/api/v1/drilldown-limits}: Loki's default allow-listed limits, keys sorted as Go's encoder does. */
    static byte[] drilldownLimits(Limits l, boolean patternIngester, String version) {
        return ResponseJson.render(g -> {
            g.writeStartObject();
            g.writeObjectFieldStart("limits");
            for (var e : PublishedLimits.of(l).entrySet()) {
                g.writeFieldName(e.getKey());
                switch (e.getValue()) {
                    case null -> g.writeNull();
                    case Boolean v -> g.writeBoolean(v);
                    case Long v -> g.writeNumber(v);
                    case List<?> v when !v.isEmpty() && v.get(0) instanceof Map<?, ?> -> {
                        g.writeStartArray();
                        for (Object o : v) {
                            g.writeStartObject();
                            for (Map.Entry<?, ?> f : ((Map<?, ?>) o).entrySet()) {
                                g.writeFieldName(String.valueOf(f.getKey()));
                                if (f.getValue() instanceof Long n) {
                                    g.writeNumber(n);
                                } else {
                                    g.writeString(String.valueOf(f.getValue()));
                                }
                            }
                            g.writeEndObject();
                        }
                        g.writeEndArray();
                    }
                    case List<?> v -> strings(g, v.stream().map(String::valueOf).toList());
                    default -> g.writeString(String.valueOf(e.getValue()));
                }
            }
            g.writeEndObject();
            g.writeBooleanField("pattern_ingester_enabled", patternIngester);
            g.writeStringField("version", version);
            g.writeEndObject();
        });
    }

    /** {@code {"status":"success","data":[{"pattern":..,"level":..,"samples":[[s,n],..]}]}}. */
    static byte[] patterns(List<PatternMiner.Pattern> patterns) {
        return ResponseJson.render(g -> {
            g.writeStartObject();
            g.writeStringField("status", "success");
            g.writeArrayFieldStart("data");
            for (PatternMiner.Pattern p : patterns) {
                g.writeStartObject();
                g.writeStringField("pattern", p.pattern());
                g.writeStringField("level", p.level());
                g.writeArrayFieldStart("samples");
                for (long[] s : p.samples()) {
                    g.writeStartArray();
                    g.writeNumber(s[0]);
                    g.writeNumber(s[1]);
                    g.writeEndArray();
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    private static void strings(JsonGenerator g, List<String> values) throws IOException {
        if (values == null) {
            g.writeNull();
            return;
        }
        g.writeStartArray();
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }
}
