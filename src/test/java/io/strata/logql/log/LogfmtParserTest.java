package io.strata.logql.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.strata.model.Labels;
import java.util.List;
import org.junit.jupiter.api.Test;

/** LOGQL.md §3.5 logfmt, cases Q8, Q9. */
class LogfmtParserTest {
    static final Labels A = Labels.of("app", "api", "env", "prod", "pod", "a");

    @Test
    void parsesPairsWithQuotedValues() {
        Run r = Run.of(A, "level=warn method=GET status=404 latency=30ms size=0B path=/missing msg=\"not found\"",
                new LogfmtParserStage(false, false));
        assertEquals("{app=\"api\", env=\"prod\", latency=\"30ms\", level=\"warn\", method=\"GET\", msg=\"not found\", path=\"/missing\", pod=\"a\", size=\"0B\", status=\"404\"}",
                r.labels().toString());
        assertEquals("a\"b", Run.of(A, "x=\"a\\\"b\"", new LogfmtParserStage(false, false)).label("x"));
    }

    @Test
    void q9NonStrictSkipsMalformedAndBareKeys() {
        Run json = Run.of(JsonParserTest.B, JsonParserTest.B15, new LogfmtParserStage(false, false));
        assertEquals(JsonParserTest.B, json.labels());
        Run text = Run.of(JsonParserTest.B, JsonParserTest.B35, new LogfmtParserStage(false, false));
        assertEquals(JsonParserTest.B, text.labels());
    }

    @Test
    void q9KeepEmpty() {
        Run text = Run.of(JsonParserTest.B, JsonParserTest.B35, new LogfmtParserStage(false, true));
        assertEquals("{all=\"\", app=\"api\", at=\"\", env=\"prod\", json=\"\", not=\"\", pod=\"b\"}", text.labels().toString());
        assertEquals(JsonParserTest.B, Run.of(JsonParserTest.B, JsonParserTest.B15, new LogfmtParserStage(false, true)).labels());
    }

    @Test
    void q9StrictReportsFirstError() {
        Run json = Run.of(JsonParserTest.B, JsonParserTest.B15, new LogfmtParserStage(true, false));
        assertEquals("{__error__=\"LogfmtParserErr\", __error_details__=\"logfmt syntax error at pos 2 : unexpected '\\\"'\", app=\"api\", env=\"prod\", pod=\"b\"}",
                json.labels().toString());
        assertEquals(JsonParserTest.B, Run.of(JsonParserTest.B, JsonParserTest.B35, new LogfmtParserStage(true, false)).labels());
        assertEquals("logfmt syntax error at pos 9 : unterminated quoted value",
                Run.of(A, "a=1 b=\"x", new LogfmtParserStage(true, false)).label("__error_details__"));
        assertEquals("logfmt syntax error at pos 1 : unexpected '='",
                Run.of(A, "=x", new LogfmtParserStage(true, false)).label("__error_details__"));
    }

    @Test
    void q8FirstValueWinsAcrossDuplicatesAndParsers() {
        Run r = Run.of(Labels.of("app", "dup"), "a=1 a=2 b=x", new LogfmtParserStage(false, false),
                new RegexpParserStage("b=(?P<a>\\w+)"));
        assertEquals("{a=\"1\", app=\"dup\", b=\"x\"}", r.labels().toString());
    }

    @Test
    void streamLabelClashGetsSuffix() {
        assertEquals("x", Run.of(A, "pod=x", new LogfmtParserStage(false, false)).label("pod_extracted"));
    }

    @Test
    void extractionParametersRenameAndPresetEmpty() {
        LogfmtExpressionStage stage = new LogfmtExpressionStage(List.of(new Extraction("lvl", "level"),
                new Extraction("status", "status"), new Extraction("nope", "nope")), false);
        Run r = Run.of(A, "level=info method=GET status=200", stage);
        assertEquals("{app=\"api\", env=\"prod\", lvl=\"info\", nope=\"\", pod=\"a\", status=\"200\"}", r.labels().toString());
        assertNull(r.label("method"));
    }
}
