package io.strata.logql.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.model.Labels;
import io.strata.model.MatchType;
import io.strata.model.Matcher;
import org.junit.jupiter.api.Test;

/** LOGQL.md §3.6, cases Q11–Q13 and §5.3. */
class LabelFilterTest {
    static final Labels A = Labels.of("app", "api", "env", "prod", "pod", "a");
    static final String[] A_LINES = {
        "level=info method=GET status=200 latency=120ms size=1.5KB path=/users",
        "level=error method=POST status=500 latency=1.5s size=3KB path=/orders",
        "level=info method=GET status=200 latency=80ms size=500B path=/users",
        "level=warn method=GET status=404 latency=30ms size=0B path=/missing msg=\"not found\"",
        "level=debug status=abc latency=fast",
    };

    private static Run run(String line, LabelFilter f) {
        return Run.of(A, line, new LogfmtParserStage(false, false), new LabelFilterStage(f));
    }

    private static StringLabelFilter eq(String n, String v) {
        return new StringLabelFilter(Matcher.equal(n, v));
    }

    @Test
    void q11ConversionErrorKeepsLineWithLabelFilterErr() {
        LabelFilter f = NumericLabelFilter.number("status", CompareOp.GE, 400);
        assertFalse(run(A_LINES[0], f).kept());
        assertTrue(run(A_LINES[1], f).kept());
        assertTrue(run(A_LINES[3], f).kept());
        Run bad = run(A_LINES[4], f);
        assertTrue(bad.kept());
        assertEquals("{__error__=\"LabelFilterErr\", __error_details__=\"strconv.ParseFloat: parsing \\\"abc\\\": invalid syntax\", app=\"api\", env=\"prod\", latency=\"fast\", level=\"debug\", pod=\"a\", status=\"abc\"}",
                bad.labels().toString());
        assertFalse(Run.of(A, "x=1", new LabelFilterStage(f)).kept(), "missing label drops");
    }

    @Test
    void q12NumericFilterEvaluatedOnErroredEntries() {
        LabelFilter f = NumericLabelFilter.number("status", CompareOp.GE, 500);
        assertFalse(Run.of(JsonParserTest.B, JsonParserTest.B35, new JsonParserStage(), new LabelFilterStage(f)).kept());
        assertTrue(Run.of(JsonParserTest.B, JsonParserTest.B25, new JsonParserStage(), new LabelFilterStage(f)).kept());
    }

    @Test
    void q13CommaVersusAndPrecedenceIsTheCallersTreeShape() {
        // level="info", method="GET" or level="warn"  ==  info AND (GET or warn)
        LabelFilter comma = new LabelFilter.And(eq("level", "info"), new LabelFilter.Or(eq("method", "GET"), eq("level", "warn")));
        // level="info" and method="GET" or level="warn"  ==  (info and GET) or warn
        LabelFilter and = new LabelFilter.Or(new LabelFilter.And(eq("level", "info"), eq("method", "GET")), eq("level", "warn"));
        boolean[] commaKept = new boolean[5];
        boolean[] andKept = new boolean[5];
        for (int i = 0; i < 5; i++) {
            commaKept[i] = run(A_LINES[i], comma).kept();
            andKept[i] = run(A_LINES[i], and).kept();
        }
        assertEquals("[true, false, true, false, false]", java.util.Arrays.toString(commaKept));
        assertEquals("[true, false, true, true, false]", java.util.Arrays.toString(andKept));
    }

    @Test
    void orShortCircuitsSoRightSideErrorsNeverAppear() {
        LabelFilter f = new LabelFilter.Or(eq("level", "debug"), NumericLabelFilter.number("status", CompareOp.GT, 1));
        Run r = run(A_LINES[4], f);
        assertTrue(r.kept());
        assertNull(r.label("__error__"));
        LabelFilter g = new LabelFilter.And(NumericLabelFilter.number("status", CompareOp.GT, 1), eq("level", "debug"));
        assertEquals("LabelFilterErr", run(A_LINES[4], g).label("__error__"));
    }

    @Test
    void durationAndBytesFilters() {
        LabelFilter d = NumericLabelFilter.duration("latency", CompareOp.GT, 100_000_000L);
        assertTrue(run(A_LINES[0], d).kept());
        assertFalse(run(A_LINES[2], d).kept());
        Run fast = run(A_LINES[4], NumericLabelFilter.duration("latency", CompareOp.GE, 5_400_000_000_000L));
        assertTrue(fast.kept());
        assertEquals("time: invalid duration \"fast\"", fast.label("__error_details__"));
        LabelFilter b = NumericLabelFilter.bytes("size", CompareOp.GE, 1024);
        assertTrue(run(A_LINES[0], b).kept());
        assertFalse(run(A_LINES[2], b).kept());
        assertTrue(run(A_LINES[1], b).kept());
        assertEquals(2048.0, GoValues.parseBytes("2,048"));
        assertEquals(1536.0, GoValues.parseBytes("1.5 KiB"));
        assertEquals("time: unknown unit \"d\" in duration \"1d\"", assertThrowsMsg(() -> GoValues.parseDurationNanos("1d")));
        assertEquals("time: missing unit in duration \"90\"", assertThrowsMsg(() -> GoValues.parseDurationNanos("90")));
        assertEquals(-1_500_000_000L, GoValues.parseDurationNanos("-1.5s"));
        assertEquals(5_400_000_000_000L, GoValues.parseDurationNanos("1h30m"));
    }

    private static String assertThrowsMsg(Runnable r) {
        try {
            r.run();
        } catch (NumberFormatException e) {
            return e.getMessage();
        }
        throw new AssertionError("no exception");
    }

    @Test
    void floatParsingFollowsGo() {
        assertEquals(200.0, GoValues.parseFloat("200.0"));
        assertEquals(8.0, GoValues.parseFloat("0x1p3"));
        assertTrue(Double.isNaN(GoValues.parseFloat("NaN")));
        assertEquals(Double.NEGATIVE_INFINITY, GoValues.parseFloat("-Inf"));
        assertEquals("strconv.ParseFloat: parsing \"1d\": invalid syntax", assertThrowsMsg(() -> GoValues.parseFloat("1d")));
        assertEquals("strconv.ParseFloat: parsing \" 1\": invalid syntax", assertThrowsMsg(() -> GoValues.parseFloat(" 1")));
        assertEquals("strconv.ParseFloat: parsing \"1e999\": value out of range", assertThrowsMsg(() -> GoValues.parseFloat("1e999")));
    }

    @Test
    void errorLabelIsOnlyReadableByStringFilters() {
        LabelFilter noErr = new StringLabelFilter(Matcher.equal("__error__", ""));
        LabelFilter notJson = new StringLabelFilter(Matcher.of(MatchType.NOT_EQUAL, "__error__", "JSONParserErr"));
        assertFalse(Run.of(JsonParserTest.B, JsonParserTest.B35, new JsonParserStage(), new LabelFilterStage(noErr)).kept());
        assertTrue(Run.of(JsonParserTest.B, JsonParserTest.B25, new JsonParserStage(), new LabelFilterStage(noErr)).kept());
        assertFalse(Run.of(JsonParserTest.B, JsonParserTest.B35, new JsonParserStage(), new LabelFilterStage(notJson)).kept());
        assertTrue(Run.of(JsonParserTest.B, JsonParserTest.B35, new LabelFilterStage(noErr), new JsonParserStage()).kept(),
                "a filter before the parser sees no error");
        LabelFilter numeric = NumericLabelFilter.number("__error__", CompareOp.GT, 0);
        assertFalse(Run.of(JsonParserTest.B, JsonParserTest.B35, new JsonParserStage(), new LabelFilterStage(numeric)).kept());
    }

    @Test
    void ipLabelFilter() {
        Labels s = Labels.of("app", "x");
        assertTrue(Run.of(s, "addr=10.1.2.3", new LogfmtParserStage(false, false),
                new LabelFilterStage(new IpLabelFilter("addr", false, "10.0.0.0/8"))).kept());
        assertFalse(Run.of(s, "addr=11.1.2.3", new LogfmtParserStage(false, false),
                new LabelFilterStage(new IpLabelFilter("addr", false, "10.0.0.0/8"))).kept());
        assertTrue(Run.of(s, "addr=11.1.2.3", new LogfmtParserStage(false, false),
                new LabelFilterStage(new IpLabelFilter("addr", true, "10.0.0.0/8"))).kept());
        assertFalse(Run.of(s, "other=1", new LabelFilterStage(new IpLabelFilter("addr", true, "10.0.0.0/8"))).kept());
        assertTrue(Run.of(s, "nope", new JsonParserStage(), new LabelFilterStage(new IpLabelFilter("addr", false, "10.0.0.0/8"))).kept(),
                "errored entries always pass");
    }
}
