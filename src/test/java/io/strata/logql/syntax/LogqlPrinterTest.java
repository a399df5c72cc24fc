package io.strata.logql.syntax;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Canonical single-line rendering (Loki's String()) of parsed queries. */
class LogqlPrinterTest {

    /** Queries whose canonical form is the input itself. */
    @ParameterizedTest
    @ValueSource(strings = {
        "{foo=\"bar\"}",
        "{foo=\"bar\", bar!=\"baz\"}",
        "{foo=\"bar\", bar!=\"baz\"} != \"bip\" !~ \".+bop\"",
        "{foo=\"bar\"} |= \"baz\" |~ \"blip\" |> \"qux\" !> \"waldo\" != \"flip\" !~ \"flap\"",
        "{foo=\"bar\", bar!=\"baz\"} |= \"\" |= ip(\"::1\")",
        "{foo=\"bar\", bar!=\"baz\"} |= \"\" != ip(\"127.0.0.1\")",
        "{foo=\"bar\", bar!=\"baz\"} |> \"<_>\" !> \"<_> <_>\"",
        "{foo=\"bar\", bar!=\"baz\"} != \"bip\" !~ \".+bop\" |> \"<_> bop <_>\" | json",
        "{foo=\"bar\"} |= \"baz\" |~ \"blip\" != \"flip\" !~ \"flap\" | logfmt --strict --keep-empty",
        "{foo=\"bar\"} |= \"baz\" | unpack | foo>5",
        "{foo=\"bar\"} |= \"baz\" | pattern \"<foo> bar <buzz>\" | foo>5",
        "{foo=\"bar\"} | logfmt | b>=10GB",
        "{foo=\"bar\"} | logfmt | b=ip(\"127.0.0.1\") | level=\"error\" | c!=ip(\"::1\")",
        "{foo=\"bar\"} | logfmt --strict --keep-empty b=\"foo\" | b=ip(\"127.0.0.1\")",
        "{foo=\"bar\"} | regexp \"(?P<foo>foo|bar)\" | ( ( foo<5.01 , bar>20ms ) or foo=\"bar\" ) "
                + "| line_format \"blip{{.boop}}bap\" | label_format foo=bar,bar=\"blip{{.blop}}\"",
        "{foo=\"bar\"} | logfmt | counter>-1 | counter>=-1 | counter<-1 | counter<=-1 | counter!=-1 | counter==-1",
        "{app=\"foo\"} |= \"foo\" or \"bar\" or \"baz\" |= \"car\" |= \"a\" or \"b\" or \"c\"",
        "{app=\"foo\"} |= ip(\"10.0.0.0/8\") or ip(\"192.168.0.0/16\") or \"baz\"",
        "{app=\"foo\"} |> \"foo <_> baz\" or \"foo <_>\" |> \"foo <_> baz\"",
        "{app=\"foo\"} | json response_status=\"response.status.code\",first_param=\"request.params[0]\"",
        "{app=\"foo\"} | decolorize | drop a,b=\"v\",c=~\"x.*\" | keep level",
        "count_over_time({job=\"mysql\"}[5m])",
        "sum(count_over_time({job=\"mysql\"} | json[5m]))",
        "quantile_over_time(0.99,{a=\"b\"} | unwrap duration(x) | __error__=\"\"[1m]) by (app)",
        "topk(10,sum by (name)(rate({region=\"us-east1\"}[5m])))",
        "label_replace(rate({a=\"b\"}[5m]),\"foo\",\"$1\",\"service\",\"(.*):.*\")",
        "vector(1.000000)",
        "(count_over_time({a=\"b\"}[1m]) > bool 3)",
        "sum without (pod)(count_over_time({a=\"b\"}[1m]))",
    })
    void canonicalFormIsTheInput(String q) {
        assertEquals(q, LogqlPrinter.print(LogqlParser.parse(q)));
    }

    static Stream<Arguments> rewritten() {
        return Stream.of(
                Arguments.of("1 > 1 > 1", "0"),
                Arguments.of("1 > bool 1 > count_over_time({foo=\"bar\"}[1m])", "(0 > count_over_time({foo=\"bar\"}[1m]))"),
                Arguments.of("10 / (5/2)", "4"),
                Arguments.of("2^3^2", "512"),
                Arguments.of("-2^2", "4"),
                Arguments.of("1000000", "1e+06"),
                Arguments.of("0.00001", "1e-05"),
                Arguments.of("123456", "123456"),
                Arguments.of("1_000", "1000"),
                Arguments.of("0x1p3", "8"),
                Arguments.of("10/0", "NaN"),
                Arguments.of("{app=\"foo\"} != \"foo\" or \"bar\"", "{app=\"foo\"} != \"foo\" != \"bar\""),
                Arguments.of("{app=\"foo\"} |= \"foo\" or \"bar\" or \"baz\" != \"car\" != \"a\" or \"b\" or \"c\"",
                        "{app=\"foo\"} |= \"foo\" or \"bar\" or \"baz\" != \"car\" != \"a\" != \"b\" != \"c\""),
                Arguments.of("{app=\"foo\"} != ip(\"127.0.0.1\") or \"foo\"", "{app=\"foo\"} != ip(\"127.0.0.1\") != \"foo\""),
                Arguments.of("{ app = \"x\" }|json a , b=\"c\"", "{app=\"x\"} | json a=\"a\",b=\"c\""),
                Arguments.of("{a=\"b\"} | x == 2 | y = 1.50", "{a=\"b\"} | x==2 | y==1.5"),
                Arguments.of("{a=\"b\"} | d > 1h30m | e <= 500ms | f = 1.5m", "{a=\"b\"} | d>1h30m0s | e<=500ms | f==1m30s"),
                Arguments.of("{a=\"b\"} | s >= 1KiB | t < 1.5KB | u > 20B", "{a=\"b\"} | s>=1.0kB | t<1.5kB | u>20B"),
                Arguments.of("{a=\"b\"} | x=~\"a.b\" | y=~\"foo\" | z=~\"foo|bar\" | w!~\"a.b\"",
                        "{a=\"b\"} | x=~`a.b` | y=~\"foo\" | z=~\"foo|bar\" | w!~\"a.b\""),
                Arguments.of("{a=\"b\"} | a=\"1\", b=\"2\" or c=\"3\"", "{a=\"b\"} | ( a=\"1\" , ( b=\"2\" or c=\"3\" ) )"),
                Arguments.of("{a=\"b\"} | a=\"1\" and b=\"2\" or c=\"3\"", "{a=\"b\"} | ( ( a=\"1\" , b=\"2\" ) or c=\"3\" )"),
                Arguments.of("{a=\"b\"} | a=\"1\" or b=\"2\" and c=\"3\"", "{a=\"b\"} | ( a=\"1\" or ( b=\"2\" , c=\"3\" ) )"),
                Arguments.of("{a=\"b\"} | a=\"1\" b=\"2\" or c=\"3\"", "{a=\"b\"} | ( a=\"1\" , ( b=\"2\" or c=\"3\" ) )"),
                Arguments.of("rate({a=\"b\"}[90s] offset 1h30m)", "rate({a=\"b\"}[1m30s] offset 1h30m0s)"),
                Arguments.of("rate({a=\"b\"}[7d] offset -5m)", "rate({a=\"b\"}[1w] offset -5m0s)"),
                Arguments.of("rate({a=\"b\"}[1d12h])", "rate({a=\"b\"}[1d12h])"),
                Arguments.of("count_over_time({a=\"b\"}[5m] |= \"x\")", "count_over_time({a=\"b\"} |= \"x\"[5m])"),
                Arguments.of("count_over_time(({a=\"b\"} |= \"x\")[5m])", "count_over_time({a=\"b\"} |= \"x\"[5m])"),
                Arguments.of("sum by () (count_over_time({a=\"b\"}[1m]))", "sum(count_over_time({a=\"b\"}[1m]))"),
                Arguments.of("sum(count_over_time({a=\"b\"}[1m])) by (x, y)", "sum by (x,y)(count_over_time({a=\"b\"}[1m]))"),
                Arguments.of("SUM(COUNT_OVER_TIME({a=\"b\"}[1m]))", "sum(count_over_time({a=\"b\"}[1m]))"),
                Arguments.of("a + on(x) b", null),
                Arguments.of("rate({a=\"b\"}[1m]) / on(x) group_left(y) rate({c=\"d\"}[1m])",
                        "(rate({a=\"b\"}[1m]) / on (x) group_left (y) rate({c=\"d\"}[1m]))"),
                Arguments.of("rate({a=\"b\"}[1m]) + on(x) rate({c=\"d\"}[1m])",
                        "(rate({a=\"b\"}[1m]) + on (x)  rate({c=\"d\"}[1m]))"),
                Arguments.of("rate({a=\"b\"}[1m]) + ignoring() rate({c=\"d\"}[1m])",
                        "(rate({a=\"b\"}[1m]) + rate({c=\"d\"}[1m]))"),
                Arguments.of("{a=\"b\"} |= `\\d+` | line_format `{{.a}}\n`", "{a=\"b\"} |= \"\\\\d+\" | line_format \"{{.a}}\\n\""),
                Arguments.of("{a=\"\\u00e9\\x41\\101\\t\"}", "{a=\"éAA\\t\"}"),
                Arguments.of("{a=\"b\"} # comment\n |= \"x\" // other\n /* more */ |= \"y\"", "{a=\"b\"} |= \"x\" |= \"y\""),
                Arguments.of("count_over_time({a=\"b\"} | unwrap bytes [1m])", null),
                Arguments.of("max_over_time({a=\"b\"} | unwrap bytes(size) [1m])", "max_over_time({a=\"b\"} | unwrap bytes(size)[1m])"));
    }

    @ParameterizedTest
    @MethodSource("rewritten")
    void canonicalForm(String in, String out) {
        if (out == null) {
            return; // covered by the error tests
        }
        assertEquals(out, LogqlPrinter.print(LogqlParser.parse(in)));
    }
}
