package io.strata.logql.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.model.Labels;
import io.strata.model.StrataException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** LOGQL.md §3.5 json, cases Q5–Q8. */
class JsonParserTest {
    static final Labels B = Labels.of("app", "api", "env", "prod", "pod", "b");
    static final String B15 = "{\"level\":\"info\",\"method\":\"GET\",\"status\":200,\"latency\":0.25,\"user\":{\"id\":\"u1\",\"name\":\"ann\"},\"tags\":[\"x\",\"y\"],\"pod\":\"p1\"}";
    static final String B25 = "{\"level\":\"error\",\"method\":\"GET\",\"status\":503,\"latency\":2.5,\"user\":{\"id\":\"u2\"},\"nil\":null,\"a.b\":\"dot\"}";
    static final String B35 = "not json at all";

    @Test
    void q5FlattensNestedObjectsSkipsArraysAndNullsAndSuffixesClashes() {
        assertEquals("{app=\"api\", env=\"prod\", latency=\"0.25\", level=\"info\", method=\"GET\", pod=\"b\", pod_extracted=\"p1\", status=\"200\", user_id=\"u1\", user_name=\"ann\"}",
                Run.of(B, B15, new JsonParserStage()).labels().toString());
        assertEquals("{a_b=\"dot\", app=\"api\", env=\"prod\", latency=\"2.5\", level=\"error\", method=\"GET\", pod=\"b\", status=\"503\", user_id=\"u2\"}",
                Run.of(B, B25, new JsonParserStage()).labels().toString());
        Run bad = Run.of(B, B35, new JsonParserStage());
        assertTrue(bad.kept());
        assertEquals("{__error__=\"JSONParserErr\", __error_details__=\"Value looks like object, but can't find closing '}' symbol\", app=\"api\", env=\"prod\", pod=\"b\"}",
                bad.labels().toString());
    }

    @Test
    void q7KeySanitising() {
        String line = "{\"1st\":1,\"a-b\":{\"c d\":2,\"2x\":true},\"ünï\":3,\" sp \":4,\"esc\":\"a\\\"b\\u00e9\",\"num\":1.0e3}";
        assertEquals("{_1st=\"1\", _n_=\"3\", a_b_2x=\"true\", a_b_c_d=\"2\", app=\"keys\", esc=\"a\\\"bé\", num=\"1.0e3\", sp=\"4\"}",
                Run.of(Labels.of("app", "keys"), line, new JsonParserStage()).labels().toString());
    }

    @Test
    void q8FirstDuplicateKeyWinsAndTrailingBytesIgnored() {
        assertEquals("{app=\"dup\", k=\"first\", v=\"1\"}",
                Run.of(Labels.of("app", "dup"), "{\"k\":\"first\",\"k\":\"second\",\"v\":1}", new JsonParserStage()).labels().toString());
        assertEquals("{a=\"1\", app=\"x\"}", Run.of(Labels.of("app", "x"), "  {\"a\":1} trailing", new JsonParserStage()).labels().toString());
        assertEquals("{app=\"x\"}", Run.of(Labels.of("app", "x"), "{}", new JsonParserStage()).labels().toString());
    }

    @Test
    void nonObjectAndTruncatedLinesSetErrorsButKeepEarlierLabels() {
        Run arr = Run.of(Labels.of("app", "x"), "[1,2]", new JsonParserStage());
        assertEquals("JSONParserErr", arr.label("__error__"));
        Run cut = Run.of(Labels.of("app", "x"), "{\"a\":\"1\",\"b\":", new JsonParserStage());
        assertEquals("JSONParserErr", cut.label("__error__"));
        assertEquals("1", cut.label("a"));
    }

    @Test
    void invalidUtf8InValuesBecomesSpaces() {
        byte[] bytes = {'{', '"', 'a', '"', ':', '"', 'x', (byte) 0xff, 'y', '"', '}'};
        StreamPipeline p = new Pipeline(List.of(new JsonParserStage())).forStream(Labels.of("app", "x"));
        p.process(0, bytes, 0, bytes.length, Labels.EMPTY);
        assertEquals("x y", p.labels().get("a"));
    }

    @Test
    void q6ExtractionParameters() {
        JsonExpressionStage stage = new JsonExpressionStage(List.of(
                new Extraction("first_tag", "tags[0]"), new Extraction("uid", "user.id"),
                new Extraction("missing", "nope"), new Extraction("user", "user")));
        assertEquals("{app=\"api\", env=\"prod\", first_tag=\"x\", missing=\"\", pod=\"b\", uid=\"u1\", user=\"{\\\"id\\\":\\\"u1\\\",\\\"name\\\":\\\"ann\\\"}\"}",
                Run.of(B, B15, stage).labels().toString());
        assertEquals("{app=\"api\", env=\"prod\", first_tag=\"\", missing=\"\", pod=\"b\", uid=\"u2\", user=\"{\\\"id\\\":\\\"u2\\\"}\"}",
                Run.of(B, B25, stage).labels().toString());
        assertEquals("{__error__=\"JSONParserErr\", app=\"api\", env=\"prod\", pod=\"b\"}", Run.of(B, B35, stage).labels().toString());
    }

    @Test
    void extractionPathSyntax() {
        JsonExpressionStage stage = new JsonExpressionStage(List.of(
                new Extraction("dotted", "[\"a.b\"]"), new Extraction("n", "x.list[1].v"), new Extraction("nul", "nil"),
                new Extraction("pod", "pod")));
        Run r = Run.of(B, "{\"a.b\":\"dot\",\"x\":{\"list\":[{\"v\":1},{\"v\":\"two\"}]},\"nil\":null,\"pod\":\"p\"}", stage);
        assertEquals("dot", r.label("dotted"));
        assertEquals("two", r.label("n"));
        assertEquals("", r.label("nul"));
        assertEquals("p", r.label("pod_extracted"));
        assertEquals("b", r.label("pod"));
        StrataException e = assertThrows(StrataException.class, () -> new JsonExpressionStage(List.of(new Extraction("a", "x..y"))));
        assertTrue(e.getMessage().startsWith("cannot parse expression [x..y]"), e.getMessage());
    }
}
