package io.strata.logql.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.model.Labels;
import org.junit.jupiter.api.Test;

class LabelsBuilderTest {
    private static final Labels STREAM = Labels.of("app", "api", "pod", "b");

    @Test
    void unchangedEntryReturnsTheStreamLabelsInstance() {
        LabelsBuilder b = new LabelsBuilder(STREAM);
        b.reset(Labels.EMPTY);
        assertSame(STREAM, b.labels());
    }

    @Test
    void metadataClashingWithStreamLabelGetsExtractedSuffix() {
        LabelsBuilder b = new LabelsBuilder(STREAM);
        b.reset(Labels.of("pod", "m", "trace_id", "t1"));
        assertEquals("{app=\"api\", pod=\"b\", pod_extracted=\"m\", trace_id=\"t1\"}", b.labels().toString());
        CategorizedLabels c = b.categorized();
        assertEquals(STREAM, c.stream());
        assertEquals(Labels.of("pod_extracted", "m", "trace_id", "t1"), c.structuredMetadata());
        assertEquals(Labels.EMPTY, c.parsed());
    }

    @Test
    void parserNamesClashingWithStreamOrMetadataAreSuffixedAndFirstValueWins() {
        LabelsBuilder b = new LabelsBuilder(STREAM);
        b.reset(Labels.of("trace_id", "t1"));
        assertTrue(b.setParsedFirst("pod", "p1"));
        assertTrue(b.setParsedFirst("trace_id", "x"));
        assertTrue(b.setParsedFirst("level", "info"));
        assertFalse(b.setParsedFirst("level", "error"));
        assertEquals("{app=\"api\", level=\"info\", pod=\"b\", pod_extracted=\"p1\", trace_id=\"t1\", trace_id_extracted=\"x\"}",
                b.labels().toString());
        assertEquals(Labels.of("level", "info", "pod_extracted", "p1", "trace_id_extracted", "x"), b.categorized().parsed());
    }

    @Test
    void setParsedOverridesStreamLabelInOutput() {
        LabelsBuilder b = new LabelsBuilder(STREAM);
        b.reset(Labels.EMPTY);
        b.setParsed("pod", "error");
        assertEquals("{app=\"api\", pod=\"error\"}", b.labels().toString());
        assertEquals(Labels.of("app", "api"), b.categorized().stream());
    }

    @Test
    void deleteHidesEveryCategoryAndClearsErrors() {
        LabelsBuilder b = new LabelsBuilder(STREAM);
        b.reset(Labels.of("m", "1"));
        b.setParsed("x", "1");
        b.setError("JSONParserErr", "bad");
        b.delete("app");
        b.delete("m");
        b.delete("x");
        assertEquals("{__error__=\"JSONParserErr\", __error_details__=\"bad\", pod=\"b\"}", b.labels().toString());
        b.delete("__error__");
        b.delete("__error_details__");
        assertEquals("{pod=\"b\"}", b.labels().toString());
        assertNull(b.get("app"));
    }

    @Test
    void errorOnlySetOnceWithSetErrorIfNone() {
        LabelsBuilder b = new LabelsBuilder(STREAM);
        b.reset(Labels.EMPTY);
        b.setErrorIfNone("LabelFilterErr", "first");
        b.setErrorIfNone("LabelFilterErr", "second");
        assertEquals("first", b.get("__error_details__"));
        assertEquals("LabelFilterErr", b.get("__error__"));
    }

    @Test
    void sameContentGivesSameInstance() {
        LabelsBuilder b = new LabelsBuilder(STREAM);
        b.reset(Labels.EMPTY);
        b.setParsed("level", "info");
        Labels first = b.labels();
        b.reset(Labels.EMPTY);
        b.setParsed("level", new String("info"));
        assertSame(first, b.labels());
        b.reset(Labels.EMPTY);
        b.setParsed("level", "warn");
        assertEquals("warn", b.labels().get("level"));
    }

    @Test
    void resetForgetsPreviousEntry() {
        LabelsBuilder b = new LabelsBuilder(STREAM);
        b.reset(Labels.EMPTY);
        b.setParsed("a", "1");
        b.setError("E", "d");
        b.delete("app");
        b.reset(Labels.EMPTY);
        assertSame(STREAM, b.labels());
        assertTrue(b.setParsedFirst("a", "2"));
    }
}
