package io.strata.logql.syntax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.strata.model.ErrorCategory;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Exact Loki error texts (with line/col where Loki gives them). */
class LogqlErrorTest {
    private static final String EMPTY_COMPATIBLE = "parse error : queries require at least one regexp or equality matcher "
            + "that does not have an empty-compatible value. For instance, app=~\".*\" does not meet this requirement, "
            + "but app=~\".+\" will";

    static Stream<Arguments> errors() {
        return Stream.of(
                // syntax errors, positions as Loki reports them
                Arguments.of("", "parse error : syntax error: unexpected $end"),
                Arguments.of("{foo=\"bar\"", "parse error at line 1, col 11: syntax error: unexpected $end, expecting } or ,"),
                Arguments.of("{foo=\"bar\"} |~", "parse error at line 1, col 15: syntax error: unexpected $end, expecting STRING or ip"),
                Arguments.of("{foo=\"bar\"} \"foo\"", "parse error at line 1, col 13: syntax error: unexpected STRING"),
                Arguments.of("{foo=\"bar\"} foo", "parse error at line 1, col 13: syntax error: unexpected IDENTIFIER"),
                Arguments.of("{foo=\"bar}", "parse error at line 1, col 6: literal not terminated"),
                Arguments.of("unk({ foo = \"bar\" }[5m])", "parse error at line 1, col 1: syntax error: unexpected IDENTIFIER"),
                Arguments.of("rate({ foo = \"bar\" }[5minutes])",
                        "parse error at line 0, col 21: unknown unit \"minutes\" in duration \"5minutes\""),
                Arguments.of("label_replace(rate({ foo = \"bar\" }[5m]),\"\")",
                        "parse error at line 1, col 43: syntax error: unexpected ), expecting ,"),
                Arguments.of("rate({ foo = \"bar\" }[5)", "parse error at line 0, col 21: missing closing ']' in duration"),
                Arguments.of("rate({ foo = \"bar\" }[ 1m ])", "parse error at line 0, col 21: not a valid duration string: \" 1m \""),
                Arguments.of("rate({ foo = \"bar\" }[1.5m])", "parse error at line 0, col 21: unknown unit \".\" in duration \"1.5m\""),
                Arguments.of("min({ foo = \"bar\" }[5m])", "parse error at line 0, col 20: syntax error: unexpected RANGE"),
                Arguments.of("{ foo = \"bar\" }|logfmt|addr>=ip(\"1.2.3.4\")", "parse error at line 1, col 30: syntax error: unexpected ip"),
                Arguments.of("{ foo = \"bar\" }|logfmt|addr<ip(\"1.2.3.4\")", "parse error at line 1, col 29: syntax error: unexpected ip"),
                Arguments.of("bottomk(he,count_over_time({ foo = \"bar\" }[5h]))",
                        "parse error at line 1, col 9: syntax error: unexpected IDENTIFIER"),
                Arguments.of("stddev({ foo = \"bar\" })", "parse error at line 1, col 23: syntax error: unexpected )"),
                Arguments.of("bool 1 > 1 > bool 1", "parse error at line 1, col 1: syntax error: unexpected bool"),
                Arguments.of("quantile_over_time(foo,{namespace=\"tns\"} | unwrap latency [5m])",
                        "parse error at line 1, col 20: syntax error: unexpected IDENTIFIER, expecting NUMBER or { or ("),
                Arguments.of("vector(abc)", "parse error at line 1, col 8: syntax error: unexpected IDENTIFIER, expecting NUMBER"),
                Arguments.of("#{app=\"foo\"} | json", "parse error at line 1, col 20: syntax error: unexpected $end"),
                Arguments.of("count without (rate({namespace=\"apps\"}[15s]))",
                        "parse error at line 1, col 16: syntax error: unexpected RATE, expecting IDENTIFIER or )"),
                Arguments.of("sum by (on) (count_over_time({a=\"b\"}[1m]))",
                        "parse error at line 1, col 9: syntax error: unexpected on, expecting IDENTIFIER or )"),
                Arguments.of("{app='api'}", "parse error at line 1, col 6: invalid char literal"),
                Arguments.of("{a=\"b\"} | x == \"200\"", "parse error at line 1, col 16: syntax error: unexpected STRING"),
                Arguments.of("{a=\"b\"} | size > 1kb", "parse error at line 1, col 21: syntax error: unexpected $end"),
                Arguments.of("{a=\"b\"} | size > 1 KB", "parse error at line 1, col 22: syntax error: unexpected $end"),
                Arguments.of("{a=\"b\"\n, c=\"d\" | x", "parse error at line 2, col 9: syntax error: unexpected |, expecting } or ,"),
                Arguments.of("{a=\"\\q\"}", "parse error at line 1, col 4: invalid char escape"),
                Arguments.of("{a=\"\\400\"}", "parse error at line 1, col 4: invalid syntax"),
                Arguments.of("vector(08)", "parse error at line 1, col 8: invalid digit '8' in octal literal"),
                Arguments.of("vector(1e)", "parse error at line 1, col 8: exponent has no digits"),
                Arguments.of("{a=\"b\"} /* open", "parse error at line 1, col 9: comment not terminated"),
                Arguments.of("count_over_time({a=\"b\"}[1m]) offset 5m",
                        "parse error at line 1, col 30: syntax error: unexpected offset"),
                Arguments.of("-count_over_time({a=\"b\"}[1m])",
                        "parse error at line 1, col 2: syntax error: unexpected COUNT_OVER_TIME, expecting NUMBER"),
                Arguments.of("vector(-1)", "parse error at line 1, col 8: syntax error: unexpected -, expecting NUMBER"),
                Arguments.of("a bool > b", "parse error at line 1, col 1: syntax error: unexpected IDENTIFIER"),
                Arguments.of("rate({a=\"b\"}[1m]) by (x) (", "parse error at line 1, col 26: syntax error: unexpected ("),
                Arguments.of("rate({a=\"b\"}[1m]) by (x)", "parse error : grouping not allowed for rate aggregation"),
                Arguments.of("x".repeat(131072), "parse error : input size too long (131072 > 131072)"),
                // validation errors (no position)
                Arguments.of("{}", EMPTY_COMPATIBLE),
                Arguments.of("{a=\"\"}", EMPTY_COMPATIBLE),
                Arguments.of("{a!=\"x\"}", EMPTY_COMPATIBLE),
                Arguments.of("{a=~\".*\"}", EMPTY_COMPATIBLE),
                Arguments.of("{a=~\"x|\"}", EMPTY_COMPATIBLE),
                Arguments.of("sum(count_over_time({a=~\".*\"}[1m]))", EMPTY_COMPATIBLE),
                Arguments.of("{a=~\"(\"}", "parse error : error parsing regexp: missing closing ): `(`"),
                Arguments.of("{a=\"b\"} | regexp \"(\\\\d+)\"",
                        "parse error : invalid regexp parser: at least one named capture must be supplied"),
                Arguments.of("{a=\"b\"} | pattern \"foo\"", "parse error : invalid pattern parser: at least one capture is required"),
                Arguments.of("{a=\"b\"} | pattern \"<a><b>\"",
                        "parse error : invalid pattern parser: found consecutive capture '<a><b>': invalid expression"),
                Arguments.of("{a=\"b\"} | pattern \"<a> <a>\"",
                        "parse error : invalid pattern parser: duplicate capture name (a): invalid expression"),
                Arguments.of("{a=\"b\"} | x > 0x10",
                        "parse error : unable to parse literal as a float: strconv.ParseFloat: parsing \"0x10\": invalid syntax"),
                Arguments.of("vector(0x10)",
                        "parse error : unable to parse vectorExpr as a float: strconv.ParseFloat: parsing \"0x10\": invalid syntax"),
                Arguments.of("1e400", "parse error : unable to parse literal as a float: strconv.ParseFloat: parsing \"1e400\": value out of range"),
                Arguments.of("count_over_time({a=\"b\"}[1m]) by (x)", "parse error : grouping not allowed for count_over_time aggregation"),
                Arguments.of("absent_over_time({a=\"b\"}[1m]) by (x)", "parse error : grouping not allowed for absent_over_time aggregation"),
                Arguments.of("approx_topk(2, count_over_time({a=\"b\"}[1m])) by (x)",
                        "parse error : grouping not allowed for approx_topk aggregation"),
                Arguments.of("sum_over_time({a=\"b\"}[1m])", "parse error : invalid aggregation sum_over_time without unwrap"),
                Arguments.of("count_over_time({a=\"b\"} | unwrap x [1m])", "parse error : invalid aggregation count_over_time with unwrap"),
                Arguments.of("quantile_over_time({a=\"b\"} | unwrap x [1m])", "parse error : parameter required for operation quantile_over_time"),
                Arguments.of("sum_over_time(50, {a=\"b\"} | unwrap x [1m])", "parse error : parameter 50 not supported for operation sum_over_time"),
                Arguments.of("topk(count_over_time({a=\"b\"}[1m]))", "parse error : parameter required for operation topk"),
                Arguments.of("topk(0, count_over_time({a=\"b\"}[1m]))", "parse error : invalid parameter (must be greater than 0) topk(0"),
                Arguments.of("bottomk(1.2, count_over_time({a=\"b\"}[1m]))", "parse error : invalid parameter bottomk(1.2,"),
                Arguments.of("sum(3, count_over_time({a=\"b\"}[1m]))", "parse error : unsupported parameter for operation sum(3,"),
                Arguments.of("sort(count_over_time({a=\"b\"}[1m])) by (x)", "parse error : sort and sort_desc doesn't allow grouping by "),
                Arguments.of("{a=\"b\"} + 1", "parse error : unexpected type for left leg of binary operation (+): *syntax.MatchersExpr"),
                Arguments.of("1 - {a=\"b\"} |= \"x\"",
                        "parse error : unexpected type for right leg of binary operation (-): *syntax.PipelineExpr"),
                Arguments.of("count_over_time({a=\"b\"}[1m]) and 1",
                        "parse error : unexpected literal for right leg of logical/set binary operation (and): 1.000000"),
                Arguments.of("1 unless count_over_time({a=\"b\"}[1m])",
                        "parse error : unexpected literal for left leg of logical/set binary operation (unless): 1.000000"),
                Arguments.of("label_replace(count_over_time({a=\"b\"}[1m]), \"a\", \"b\", \"c\", \"\\\\q\")",
                        "parse error : invalid regex in label_replace: error parsing regexp: invalid escape sequence: `\\q`"));
    }

    @ParameterizedTest
    @MethodSource("errors")
    void lokiMessage(String query, String message) {
        ParseException e = assertThrows(ParseException.class, () -> LogqlParser.parse(query));
        assertEquals(message, e.getMessage());
        assertEquals(ErrorCategory.BAD_REQUEST, e.category());
    }

    @Test
    void positionIsExposed() {
        ParseException e = assertThrows(ParseException.class, () -> LogqlParser.parse("{foo=\"bar\""));
        assertEquals(1, e.line());
        assertEquals(11, e.column());
        assertEquals("syntax error: unexpected $end, expecting } or ,", e.detail());
    }

    @Test
    void withoutValidationSkipsValidationErrors() {
        Expr e = LogqlParser.parseWithoutValidation("{}");
        assertEquals(new LogExpr(java.util.List.of(), java.util.List.of()), e);
        assertEquals(e, LogqlParser.parseLogSelector("{}", false));
    }
}
