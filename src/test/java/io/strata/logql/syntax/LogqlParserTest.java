package io.strata.logql.syntax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.model.MatchType;
import io.strata.model.Matcher;
import io.strata.model.StrataException;
import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** The records the parser builds, construct by construct. */
class LogqlParserTest {
    private static final List<Matcher> AB = List.of(Matcher.equal("a", "b"));

    private static LogExpr log(String q) {
        return assertInstanceOf(LogExpr.class, LogqlParser.parse(q));
    }

    private static StageExpr stage(String pipeline) {
        return log("{a=\"b\"} " + pipeline).stages().get(0);
    }

    private static LabelFilter filter(String f) {
        return ((LabelFilterExpr) stage("| " + f)).filter();
    }

    @Test
    void selector() {
        assertEquals(new LogExpr(List.of(Matcher.equal("app", "api"), Matcher.of(MatchType.NOT_EQUAL, "x", "y"),
                Matcher.of(MatchType.REGEX, "r", "a.+"), Matcher.of(MatchType.NOT_REGEX, "n", "z")), List.of()),
                log("{app=\"api\", x!=\"y\", r=~\"a.+\", n!~\"z\"}"));
        assertEquals(log("{a=\"b\"}"), log("(({a=\"b\"}))"));
    }

    @Test
    void lineFilters() {
        assertEquals(LineFilterExpr.of(LineFilterOp.CONTAINS, "x"), stage("|= \"x\""));
        assertEquals(LineFilterExpr.of(LineFilterOp.NOT_REGEX, "\\d"), stage("!~ `\\d`"));
        assertEquals(new LineFilterExpr(LineFilterOp.CONTAINS, List.of(new LineFilterExpr.Operand("a", false),
                new LineFilterExpr.Operand("10.0.0.0/8", true))), stage("|= \"a\" or ip(\"10.0.0.0/8\")"));
        assertEquals(List.of(LineFilterExpr.of(LineFilterOp.NOT_PATTERN, "a"), LineFilterExpr.of(LineFilterOp.NOT_PATTERN, "b")),
                log("{a=\"b\"} !> \"a\" or \"b\"").stages());
    }

    @Test
    void parsers() {
        assertEquals(new JsonParserExpr(List.of()), stage("| json"));
        assertEquals(new JsonParserExpr(List.of(new LabelExtraction("a", "x.y"), new LabelExtraction("b", "b"))),
                stage("| json a=\"x.y\", b"));
        assertEquals(new LogfmtParserExpr(true, true, List.of()), stage("| logfmt --keep-empty --strict"));
        assertEquals(new LogfmtParserExpr(false, true, List.of(new LabelExtraction("k", "k"))), stage("| logfmt --keep-empty k"));
        assertEquals(new RegexpParserExpr("(?P<x>\\w+)"), stage("| regexp `(?P<x>\\w+)`"));
        assertEquals(new PatternParserExpr("<a> <_>"), stage("| pattern \"<a> <_>\""));
        assertEquals(new UnpackParserExpr(), stage("| UNPACK"));
        assertEquals(new DecolorizeExpr(), stage("| decolorize"));
    }

    @Test
    void formattingAndLabels() {
        assertEquals(new LineFormatExpr("{{.a}}"), stage("| line_format \"{{.a}}\""));
        assertEquals(new LabelFormatExpr(List.of(new LabelFormatExpr.LabelFormat("a", "b", true),
                new LabelFormatExpr.LabelFormat("c", "{{.d}}", false))), stage("| label_format a=b, c=\"{{.d}}\""));
        assertEquals(new DropLabelsExpr(List.of(NamedLabelMatcher.named("a"), NamedLabelMatcher.of(Matcher.equal("b", "v")))),
                stage("| drop a, b=\"v\""));
        assertEquals(new KeepLabelsExpr(List.of(NamedLabelMatcher.of(Matcher.of(MatchType.REGEX, "c", "x.*")))),
                stage("| keep c=~\"x.*\""));
    }

    @Test
    void labelFilters() {
        assertEquals(new LabelFilter.NumericFilter("s", ComparisonOp.GTE, 400), filter("s >= 400"));
        assertEquals(new LabelFilter.NumericFilter("s", ComparisonOp.EQ, -2.5), filter("s = -2.5"));
        assertEquals(new LabelFilter.NumericFilter("s", ComparisonOp.EQ, 3), filter("s == +3"));
        assertEquals(new LabelFilter.StringFilter(Matcher.equal("s", "200")), filter("s = \"200\""));
        assertEquals(new LabelFilter.DurationFilter("d", ComparisonOp.LT, Duration.ofMillis(250)), filter("d < 250ms"));
        assertEquals(new LabelFilter.DurationFilter("d", ComparisonOp.GT, Duration.ofSeconds(90)), filter("d > 1.5m"));
        assertEquals(new LabelFilter.DurationFilter("d", ComparisonOp.GT, Duration.ofDays(1)), filter("d > 1d"));
        assertEquals(new LabelFilter.DurationFilter("d", ComparisonOp.GT, Duration.ofNanos(1500)), filter("d > 1.5µs"));
        assertEquals(new LabelFilter.BytesFilter("b", ComparisonOp.NEQ, 1536), filter("b != 1.5KiB"));
        assertEquals(new LabelFilter.BytesFilter("b", ComparisonOp.GT, 1_000_000_000_000_000L), filter("b > 1PB"));
        assertEquals(new LabelFilter.IpFilter("ip", false, "::1"), filter("ip != ip(\"::1\")"));
        LabelFilter a = new LabelFilter.StringFilter(Matcher.equal("a", "1"));
        LabelFilter b = new LabelFilter.StringFilter(Matcher.equal("b", "2"));
        LabelFilter c = new LabelFilter.StringFilter(Matcher.equal("c", "3"));
        assertEquals(new LabelFilter.Or(new LabelFilter.And(a, b), c), filter("a=\"1\" and b=\"2\" or c=\"3\""));
        assertEquals(new LabelFilter.Or(a, new LabelFilter.And(b, c)), filter("a=\"1\" or b=\"2\" and c=\"3\""));
        assertEquals(new LabelFilter.Or(a, new LabelFilter.And(b, c)), filter("a=\"1\" or b=\"2\", c=\"3\""));
        assertEquals(new LabelFilter.And(a, new LabelFilter.Or(b, c)), filter("a=\"1\", b=\"2\" or c=\"3\""));
        assertEquals(new LabelFilter.And(a, new LabelFilter.Or(b, c)), filter("a=\"1\" b=\"2\" or c=\"3\""));
        assertEquals(new LabelFilter.And(new LabelFilter.Or(a, b), c), filter("(a=\"1\" or b=\"2\") c=\"3\""));
        assertEquals(List.of(new LabelFilterExpr(new LabelFilter.Or(a, b)), new LabelFilterExpr(c)),
                log("{a=\"b\"} | a=\"1\" or b=\"2\" | c=\"3\"").stages());
    }

    @Test
    void functionKeywordsAreIdentifiersUnlessCalled() {
        assertEquals(new LabelFilter.NumericFilter("bytes", ComparisonOp.GT, 1), filter("bytes > 1"));
        assertEquals(new LabelFilter.NumericFilter("rate", ComparisonOp.GT, 1), filter("rate > 1"));
        SampleExpr s = LogqlParser.parseSampleExpr("sum by (rate) (rate({a=\"b\"} | unwrap bytes [1m]))");
        VectorAggregationExpr v = assertInstanceOf(VectorAggregationExpr.class, s);
        assertEquals(new Grouping(false, List.of("rate")), v.grouping());
        RangeAggregationExpr r = assertInstanceOf(RangeAggregationExpr.class, v.inner());
        assertEquals(new UnwrapExpr("bytes", UnwrapExpr.UnwrapConversion.NONE, List.of()), r.range().unwrap());
    }

    @Test
    void rangeAggregationForms() {
        RangeAggregationExpr expected = new RangeAggregationExpr(RangeOp.MAX_OVER_TIME,
                new LogRangeExpr(new LogExpr(AB, List.of(new JsonParserExpr(List.of()))), Duration.ofMinutes(5),
                        Duration.ofHours(1), new UnwrapExpr("x", UnwrapExpr.UnwrapConversion.DURATION_SECONDS,
                                List.of(new LabelFilter.StringFilter(Matcher.equal("__error__", ""))))),
                OptionalDouble.empty(), new Grouping(true, List.of("p")));
        for (String q : List.of(
                "max_over_time({a=\"b\"} | json | unwrap duration_seconds(x) | __error__=\"\" [5m] offset 1h) without (p)",
                "max_over_time(({a=\"b\"} | json | unwrap duration_seconds(x) | __error__=\"\")[5m] offset 1h) without (p)",
                "max_over_time({a=\"b\"}[5m] offset 1h | json | unwrap duration_seconds(x) | __error__=\"\") without (p)",
                "max_over_time((({a=\"b\"}[5m] offset 1h | json | unwrap duration_seconds(x) | __error__=\"\"))) without(p)")) {
            assertEquals(expected, LogqlParser.parse(q), q);
        }
        RangeAggregationExpr q = assertInstanceOf(RangeAggregationExpr.class,
                LogqlParser.parse("quantile_over_time(0.99, {a=\"b\"} | unwrap x [1m] offset -30s)"));
        assertEquals(OptionalDouble.of(0.99), q.parameter());
        assertEquals(Duration.ofSeconds(-30), q.range().offset());
        assertNull(q.grouping());
        RangeAggregationExpr c = assertInstanceOf(RangeAggregationExpr.class, LogqlParser.parse("rate({a=\"b\"}[0s])"));
        assertEquals(Duration.ZERO, c.range().range());
    }

    @Test
    void vectorAggregations() {
        SampleExpr inner = LogqlParser.parseSampleExpr("count_over_time({a=\"b\"}[1m])");
        assertEquals(new VectorAggregationExpr(VectorOp.TOPK, inner, 3, new Grouping(false, List.of("x"))),
                LogqlParser.parse("topk by (x) (3, count_over_time({a=\"b\"}[1m]))"));
        assertEquals(new VectorAggregationExpr(VectorOp.TOPK, inner, 3, new Grouping(false, List.of("x"))),
                LogqlParser.parse("topk(3, count_over_time({a=\"b\"}[1m])) by (x)"));
        assertEquals(new VectorAggregationExpr(VectorOp.SUM, inner, 0, Grouping.NONE),
                LogqlParser.parse("sum(count_over_time({a=\"b\"}[1m]))"));
        assertEquals(new VectorAggregationExpr(VectorOp.SORT_DESC, inner, 0, Grouping.NONE),
                LogqlParser.parse("sort_desc(count_over_time({a=\"b\"}[1m]))"));
        assertThrows(ParseException.class, () -> LogqlParser.parse("sum by (x) (count_over_time({a=\"b\"}[1m])) by (y)"));
    }

    @Test
    void binaryOperators() {
        SampleExpr a = LogqlParser.parseSampleExpr("count_over_time({a=\"b\"}[1m])");
        BinOpExpr e = assertInstanceOf(BinOpExpr.class,
                LogqlParser.parse("count_over_time({a=\"b\"}[1m]) + 2 * count_over_time({a=\"b\"}[1m]) or vector(1)"));
        assertEquals(BinaryOp.OR, e.op());
        BinOpExpr add = assertInstanceOf(BinOpExpr.class, e.left());
        assertEquals(BinaryOp.ADD, add.op());
        assertEquals(new BinOpExpr(BinaryOp.MUL, new LiteralExpr(2), a, false, VectorMatching.DEFAULT), add.right());
        BinOpExpr pow = assertInstanceOf(BinOpExpr.class,
                LogqlParser.parse("count_over_time({a=\"b\"}[1m]) ^ 2 ^ count_over_time({a=\"b\"}[1m])"));
        assertInstanceOf(BinOpExpr.class, pow.right());
        BinOpExpr cmp = assertInstanceOf(BinOpExpr.class, LogqlParser.parse(
                "count_over_time({a=\"b\"}[1m]) >= bool on (x, y) group_left (z) count_over_time({a=\"b\"}[1m])"));
        assertTrue(cmp.returnBool());
        assertEquals(new VectorMatching(true, List.of("x", "y"), VectorMatching.Cardinality.MANY_TO_ONE, List.of("z")),
                cmp.matching());
        assertEquals(new LiteralExpr(Double.NaN), LogqlParser.parse("1 % 0"));
        assertEquals(new LiteralExpr(1), LogqlParser.parse("(1 > 0.5)"));
        assertEquals(new LiteralExpr(-3), LogqlParser.parse("-1 - 2"));
    }

    @Test
    void labelReplaceAndVector() {
        SampleExpr a = LogqlParser.parseSampleExpr("count_over_time({a=\"b\"}[1m])");
        assertEquals(new LabelReplaceExpr(a, "d", "$1", "s", "(.*)"),
                LogqlParser.parse("label_replace(count_over_time({a=\"b\"}[1m]), \"d\", \"$1\", \"s\", \"(.*)\")"));
        assertEquals(new VectorExpr(1000), LogqlParser.parse("vector(1_000)"));
    }

    @Test
    void entryPoints() {
        assertEquals(log("{a=\"b\"} |= \"x\""), LogqlParser.parseLogSelector("{a=\"b\"} |= \"x\"", true));
        StrataException e = assertThrows(StrataException.class, () -> LogqlParser.parseLogSelector("vector(1)", true));
        assertEquals("only log selector is supported", e.getMessage());
        assertThrows(StrataException.class, () -> LogqlParser.parseSampleExpr("{a=\"b\"}"));
    }
}
