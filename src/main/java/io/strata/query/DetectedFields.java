package io.strata.query;

import io.strata.logql.engine.QueryResult;
import io.strata.logql.log.JsonParserStage;
import io.strata.logql.log.LabelsBuilder;
import io.strata.logql.log.LogfmtParserStage;
import io.strata.logql.log.Pipeline;
import io.strata.logql.log.StreamPipeline;
import io.strata.model.Labels;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Loki's field detection ({@code detected_fields}, {@code detected_field/{name}/values}) over the
 * sampled entries of a log query (API.md §2.9): every entry's structured metadata is a field with
 * no parser ({@code parsers: null}); its line is parsed with {@code json}, else {@code logfmt}
 * (non-strict), and parsed keys become fields with that parser; the query's own parsed labels are
 * merged in. The type is the Go type detection of the last value seen (int, float, boolean,
 * duration, bytes, string); cardinality is exact (Loki's HyperLogLog is exact at these sizes).
 * Not thread-safe; one instance per request.
 */
public final class DetectedFields {
    /** One detected field; {@code parsers} null for structured metadata, {@code jsonPath} null unless json. */
    public record Field(String label, String type, long cardinality, List<String> parsers, List<String> jsonPath) {}

    private static final Set<String> ERROR_LABELS =
            Set.of(LabelsBuilder.ERROR, LabelsBuilder.ERROR_DETAILS, LabelsBuilder.PRESERVE_ERROR);

    private final Pipeline json = new Pipeline(List.of(new JsonParserStage()));
    private final Pipeline logfmt = new Pipeline(List.of(new LogfmtParserStage(false, false)));

    private static final class Acc {
        final Set<String> values = new HashSet<>();
        String type = "string";
        final List<String> parsers = new ArrayList<>(2);
        List<String> jsonPath;
    }

    /** Fields of the sampled entries, at most {@code limit}, sorted by name. */
    public List<Field> fields(QueryResult.Streams sample, int limit) {
        Map<String, Acc> fields = new LinkedHashMap<>();
        for (QueryResult.LogStream stream : sample.streams()) {
            for (QueryResult.Entry e : stream.entries()) {
                Labels metadata = e.structuredMetadata() == null ? Labels.EMPTY : e.structuredMetadata();
                for (int i = 0; i < metadata.size(); i++) {
                    Acc a = field(fields, metadata.name(i), limit);
                    if (a != null) {
                        a.type = FieldTypes.detect(metadata.value(i));
                        a.values.add(metadata.value(i));
                    }
                }
                Parsed parsed = parse(e);
                for (Map.Entry<String, Set<String>> kv : parsed.values.entrySet()) {
                    Acc a = field(fields, kv.getKey(), limit);
                    if (a == null) {
                        continue;
                    }
                    if (parsed.parser != null && !a.parsers.contains(parsed.parser)) {
                        a.parsers.add(parsed.parser);
                    }
                    if ("json".equals(parsed.parser)) {
                        a.jsonPath = parsed.jsonPaths.get(kv.getKey());
                    }
                    boolean detect = true;
                    for (String v : kv.getValue()) {
                        if (detect) {
                            a.type = FieldTypes.detect(v);
                            detect = false;
                        }
                        a.values.add(v);
                    }
                }
            }
        }
        List<Field> out = new ArrayList<>(fields.size());
        new TreeMap<>(fields).forEach((name, a) -> out.add(new Field(name, a.type, a.values.size(),
                a.parsers.isEmpty() ? null : List.copyOf(a.parsers), a.jsonPath)));
        return out;
    }

    /** Distinct values of one field (bytes values normalised as Loki does), sorted; about {@code limit}. */
    public List<String> values(QueryResult.Streams sample, String name, int limit) {
        Set<String> values = new LinkedHashSet<>();
        for (QueryResult.LogStream stream : sample.streams()) {
            for (QueryResult.Entry e : stream.entries()) {
                if (values.size() >= limit) {
                    break;
                }
                Labels metadata = e.structuredMetadata() == null ? Labels.EMPTY : e.structuredMetadata();
                String sm = metadata.get(name);
                if (sm != null) {
                    values.add(sm);
                }
                Set<String> parsed = parse(e).values.get(name);
                if (parsed != null) {
                    for (String v : parsed) {
                        values.add(FieldTypes.normalizeBytes(v));
                    }
                }
            }
        }
        List<String> out = new ArrayList<>(values);
        out.sort(null);
        return out;
    }

    private static Acc field(Map<String, Acc> fields, String name, int limit) {
        Acc a = fields.get(name);
        if (a == null && fields.size() < limit) {
            a = new Acc();
            fields.put(name, a);
        }
        return a;
    }

    private record Parsed(Map<String, Set<String>> values, String parser, Map<String, List<String>> jsonPaths) {}

    /** The query's parsed labels plus what json (else logfmt) finds in the line. */
    private Parsed parse(QueryResult.Entry e) {
        Map<String, Set<String>> values = new HashMap<>();
        Labels original = e.parsed() == null ? Labels.EMPTY : e.parsed();
        for (int i = 0; i < original.size(); i++) {
            if (!ERROR_LABELS.contains(original.name(i))) {
                values.computeIfAbsent(original.name(i), k -> new LinkedHashSet<>()).add(original.value(i));
            }
        }
        Labels stream = e.streamLabels() == null ? Labels.EMPTY : e.streamLabels();
        String parser = "json";
        Labels found = run(json, stream, e);
        if (found == null) {
            parser = "logfmt";
            found = run(logfmt, stream, e);
            if (found == null) {
                return new Parsed(values, null, Map.of());
            }
        }
        for (int i = 0; i < found.size(); i++) {
            if (!ERROR_LABELS.contains(found.name(i))) {
                values.computeIfAbsent(found.name(i), k -> new LinkedHashSet<>()).add(found.value(i));
            }
        }
        return new Parsed(values, parser, parser.equals("json") ? JsonPaths.of(e.line()) : Map.of());
    }

    /** Parsed labels of the line, or null when the parser failed. */
    private static Labels run(Pipeline parser, Labels stream, QueryResult.Entry e) {
        StreamPipeline p = parser.forStream(stream);
        if (!p.process(e.timestampNanos(), e.line(), Labels.EMPTY)) {
            return null;
        }
        Labels parsed = p.categorizedLabels().parsed();
        return parsed.has(LabelsBuilder.ERROR) ? null : parsed;
    }
}
