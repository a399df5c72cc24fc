package io.strata.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.logql.engine.QueryResult;
import io.strata.model.Labels;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DetectedFieldsTest {
    private static QueryResult.Entry entry(long ts, String line, Labels metadata, Labels parsed) {
        return new QueryResult.Entry(ts, line, Labels.of("app", "a"), metadata, parsed);
    }

    private static QueryResult.Streams sample(QueryResult.Entry... entries) {
        return new QueryResult.Streams(List.of(new QueryResult.LogStream(Labels.of("app", "a"), List.of(entries))));
    }

    private static Map<String, DetectedFields.Field> byName(List<DetectedFields.Field> fields) {
        return fields.stream().collect(Collectors.toMap(DetectedFields.Field::label, Function.identity()));
    }

    @Test
    void typesFollowGoParsersInLokisOrder() {
        assertEquals("int", FieldTypes.detect("42"));
        assertEquals("int", FieldTypes.detect("-7"));
        assertEquals("float", FieldTypes.detect("0.5"));
        assertEquals("float", FieldTypes.detect("1e3"));
        assertEquals("float", FieldTypes.detect("NaN"));
        assertEquals("boolean", FieldTypes.detect("true"));
        assertEquals("boolean", FieldTypes.detect("F"));
        assertEquals("duration", FieldTypes.detect("1h30m"));
        assertEquals("duration", FieldTypes.detect("250ms"));
        assertEquals("bytes", FieldTypes.detect("10KB"));
        assertEquals("bytes", FieldTypes.detect("1.5 GiB"));
        assertEquals("string", FieldTypes.detect("hello"));
        assertEquals("string", FieldTypes.detect(""));
    }

    @Test
    void byteValuesAreRewrittenAsGoHumanizePrintsThem() {
        assertEquals("10kB", FieldTypes.normalizeBytes("10KB"));
        assertEquals("2.0MB", FieldTypes.normalizeBytes("2MB"));
        assertEquals("1.0kB", FieldTypes.normalizeBytes("1KiB"));
        assertEquals("5.0MB", FieldTypes.normalizeBytes("5m"));
        assertEquals("100", FieldTypes.normalizeBytes("100"));
        assertEquals("info", FieldTypes.normalizeBytes("info"));
    }

    @Test
    void structuredMetadataHasNullParsersAndJsonFieldsHavePaths() {
        var fields = byName(new DetectedFields().fields(sample(
                entry(2, "{\"user\":{\"id\":\"u1\"},\"n\":1}", Labels.of("trace_id", "t1"), Labels.EMPTY),
                entry(1, "level=info n=2.5", Labels.of("trace_id", "t2"), Labels.EMPTY)), 100));
        assertNull(fields.get("trace_id").parsers());
        assertEquals(2, fields.get("trace_id").cardinality());
        assertEquals(List.of("json"), fields.get("user_id").parsers());
        assertEquals(List.of("user", "id"), fields.get("user_id").jsonPath());
        assertEquals(List.of("json", "logfmt"), fields.get("n").parsers());
        assertEquals("float", fields.get("n").type(), "the last value seen decides the type");
        assertEquals(List.of("logfmt"), fields.get("level").parsers());
        assertNull(fields.get("level").jsonPath());
    }

    @Test
    void queryParsedLabelsAreKeptAndErrorsIgnored() {
        var fields = byName(new DetectedFields().fields(sample(entry(1, "plain text line", Labels.EMPTY,
                Labels.of("__error__", "JSONParserErr", "custom", "x"))), 100));
        assertTrue(fields.containsKey("custom"));
        assertFalse(fields.containsKey("__error__"));
    }

    @Test
    void fieldLimitCapsTheNumberOfFields() {
        assertEquals(2, new DetectedFields().fields(sample(entry(1, "a=1 b=2 c=3", Labels.EMPTY, Labels.EMPTY)), 2)
                .size());
    }

    @Test
    void valuesAreDistinctAcrossMetadataAndParsers() {
        var values = new DetectedFields().values(sample(entry(3, "level=info", Labels.EMPTY, Labels.EMPTY),
                entry(2, "level=warn", Labels.EMPTY, Labels.EMPTY),
                entry(1, "x=1", Labels.of("level", "info"), Labels.EMPTY)), "level", 100);
        assertEquals(List.of("info", "warn"), values);
    }

    @Test
    void idLikeLabelsAreRejectedUnlessStaticOrBoolean() {
        assertTrue(DetectedLabels.reject(new LinkedHashSet<>(List.of("1", "2", "3"))));
        assertTrue(DetectedLabels.reject(new LinkedHashSet<>(List.of("123e4567-e89b-12d3-a456-426614174000"))));
        assertFalse(DetectedLabels.reject(new LinkedHashSet<>(List.of("0", "1"))));
        assertFalse(DetectedLabels.reject(new LinkedHashSet<>(List.of("1", "2", "web"))));
        assertTrue(DetectedLabels.isUuid("{123e4567-e89b-12d3-a456-426614174000}"));
        assertFalse(DetectedLabels.isUuid("123e4567-e89b-12d3-a456-42661417400z"));
    }
}
