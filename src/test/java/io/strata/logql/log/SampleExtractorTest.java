package io.strata.logql.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.model.Labels;
import io.strata.model.Matcher;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** LOGQL.md §3.11 "what becomes a sample", cases Q27–Q31. */
class SampleExtractorTest {
    private static final Labels A = LabelFilterTest.A;

    private static Pipeline logfmt() {
        return new Pipeline(List.of(new LogfmtParserStage(false, false)));
    }

    @Test
    void countAndBytesAfterPipeline() {
        StreamSampleExtractor c = SampleExtractor.count(Pipeline.identity()).forStream(A);
        assertTrue(c.process(1, "abc", Labels.EMPTY));
        assertEquals(1.0, c.value());
        assertSame(A, c.labels());
        StreamSampleExtractor b = SampleExtractor.bytes(new Pipeline(List.of(new DecolorizeStage()))).forStream(A);
        assertTrue(b.process(1, OtherParsersTest.C55, Labels.EMPTY));
        assertEquals(43.0, b.value());
        StreamSampleExtractor f = SampleExtractor.count(new Pipeline(List.of(LineFilterStage.of(LineFilterOp.CONTAINS, "zzz"))))
                .forStream(A);
        assertFalse(f.process(1, "abc", Labels.EMPTY));
    }

    @Test
    void q29UnwrapDurationRemovesTheLabelAndErrorsAreFilterable() {
        List<Stage> post = List.of(new LabelFilterStage(new StringLabelFilter(Matcher.equal("__error__", ""))));
        StreamSampleExtractor e = SampleExtractor.unwrap(logfmt(), "latency", Conversion.DURATION, post).forStream(A);
        List<String> out = new ArrayList<>();
        for (String line : LabelFilterTest.A_LINES) {
            if (e.process(1, line, Labels.EMPTY)) {
                out.add(e.labels() + " " + e.value());
            }
        }
        assertEquals(List.of(
                "{app=\"api\", env=\"prod\", level=\"info\", method=\"GET\", path=\"/users\", pod=\"a\", size=\"1.5KB\", status=\"200\"} 0.12",
                "{app=\"api\", env=\"prod\", level=\"error\", method=\"POST\", path=\"/orders\", pod=\"a\", size=\"3KB\", status=\"500\"} 1.5",
                "{app=\"api\", env=\"prod\", level=\"info\", method=\"GET\", path=\"/users\", pod=\"a\", size=\"500B\", status=\"200\"} 0.08",
                "{app=\"api\", env=\"prod\", level=\"warn\", method=\"GET\", msg=\"not found\", path=\"/missing\", pod=\"a\", size=\"0B\", status=\"404\"} 0.03"),
                out);
    }

    @Test
    void q28ConversionFailureKeepsFullLabelsWithSampleExtractionErr() {
        StreamSampleExtractor e = SampleExtractor.unwrap(logfmt(), "latency", Conversion.DURATION, List.of()).forStream(A);
        assertTrue(e.process(1, LabelFilterTest.A_LINES[4], Labels.EMPTY));
        assertEquals(0.0, e.value());
        assertEquals("{__error__=\"SampleExtractionErr\", __error_details__=\"time: invalid duration \\\"fast\\\"\", app=\"api\", env=\"prod\", latency=\"fast\", level=\"debug\", pod=\"a\", status=\"abc\"}",
                e.labels().toString());
    }

    @Test
    void q30BytesUnwrapWithGroupingAndMissingLabel() {
        SampleExtractor x = new SampleExtractor(logfmt(), SampleExtractor.Kind.UNWRAP, "size", Conversion.BYTES,
                List.of(), List.of("method"), false, false);
        StreamSampleExtractor e = x.forStream(A);
        assertTrue(e.process(1, LabelFilterTest.A_LINES[0], Labels.EMPTY));
        assertEquals(1500.0, e.value());
        assertEquals(Labels.of("method", "GET"), e.labels());
        assertFalse(e.process(1, LabelFilterTest.A_LINES[4], Labels.EMPTY), "no size label: no sample, no error");
        assertTrue(e.process(1, "size=", Labels.EMPTY) == false, "empty value: no sample");
        assertTrue(e.process(1, LabelFilterTest.A_LINES[1], Labels.EMPTY));
        assertEquals(Labels.of("method", "POST"), e.labels());
        assertTrue(e.process(1, "size=1B", Labels.EMPTY));
        assertEquals(Labels.EMPTY, e.labels(), "absent group label is simply absent");
        assertTrue(e.process(1, LabelFilterTest.A_LINES[0], Labels.EMPTY));
        assertEquals(Labels.of("method", "GET"), e.labels());
    }

    @Test
    void q31PlainUnwrapAndWithoutGrouping() {
        SampleExtractor x = new SampleExtractor(logfmt(), SampleExtractor.Kind.UNWRAP, "c", Conversion.FLOAT,
                List.of(), List.of("env"), true, false);
        StreamSampleExtractor e = x.forStream(Labels.of("app", "cnt", "env", "prod"));
        assertTrue(e.process(1, "c=10", Labels.EMPTY));
        assertEquals(10.0, e.value());
        assertEquals(Labels.of("app", "cnt"), e.labels());
        assertSame(e, x.forStream(Labels.of("app", "cnt", "env", "prod")), "per-stream extractors are cached");
    }

    @Test
    void noLabelsGivesEmptySet() {
        SampleExtractor x = new SampleExtractor(new Pipeline(List.of(new JsonParserStage())), SampleExtractor.Kind.COUNT, null, null,
                List.of(), List.of(), false, true);
        StreamSampleExtractor e = x.forStream(A);
        assertTrue(e.process(1, "{\"a\":1}", Labels.EMPTY));
        assertEquals(Labels.EMPTY, e.labels());
    }
}
