package io.strata.logql.syntax;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Loki's Prettify layout (what format_query returns), checked at width 20 like Loki's own tests. */
class LogqlPrettyTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("{job=\"loki\", instance=\"localhost\"}", "{job=\"loki\", instance=\"localhost\"}"),
                Arguments.of("{job=\"loki\", instance=\"localhost\"}|logfmt|level=\"error\" ",
                        "{job=\"loki\", instance=\"localhost\"}\n  | logfmt\n  | level=\"error\""),
                Arguments.of("{job=\"loki\", instance=\"localhost\"}|= \"error\" != \"memcached\" |= ip(\"192.168.0.1\") |logfmt",
                        "{job=\"loki\", instance=\"localhost\"}\n  |= \"error\"\n  != \"memcached\"\n  |= ip(\"192.168.0.1\")\n  | logfmt"),
                Arguments.of("count_over_time({job=\"loki\", instance=\"localhost\"}|logfmt[1m])",
                        "count_over_time(\n  {job=\"loki\", instance=\"localhost\"}\n    | logfmt [1m]\n)"),
                Arguments.of("count_over_time({job=\"loki\", instance=\"localhost\"}|= \"error\"[5m] offset 20m)",
                        "count_over_time(\n  {job=\"loki\", instance=\"localhost\"}\n    |= \"error\" [5m] offset 20m\n)"),
                Arguments.of("quantile_over_time(0.99,{container=\"ingress-nginx\",service=\"hosted-grafana\"}| json| unwrap "
                        + "response_latency_seconds| __error__=\"\"[1m]) by (cluster)",
                        "quantile_over_time(\n  0.99,\n  {container=\"ingress-nginx\", service=\"hosted-grafana\"}\n    | json\n"
                        + "    | unwrap response_latency_seconds\n    | __error__=\"\" [1m]\n) by (cluster)"),
                Arguments.of("{job=\"loki\", namespace=\"loki-prod\", container=\"nginx-ingress\"}| json first_server=\"servers[0]\", "
                        + "ua=\"request.headers[\\\"User-Agent\\\"]\" | level=\"error\"",
                        "{job=\"loki\", namespace=\"loki-prod\", container=\"nginx-ingress\"}\n"
                        + "  | json first_server=\"servers[0]\",ua=\"request.headers[\\\"User-Agent\\\"]\"\n  | level=\"error\""),
                Arguments.of("sum(count_over_time({foo=\"bar\",namespace=\"loki\",instance=\"localhost\"}[5m])) by (container)",
                        "sum by (container)(\n  count_over_time(\n    {foo=\"bar\", namespace=\"loki\", instance=\"localhost\"} [5m]\n  )\n)"),
                Arguments.of("topk(5, count_over_time({foo=\"bar\",namespace=\"loki\",instance=\"localhost\"}[5m])) by (container)",
                        "topk by (container)(\n  5,\n  count_over_time(\n    {foo=\"bar\", namespace=\"loki\", instance=\"localhost\"} [5m]\n  )\n)"),
                Arguments.of("sum(rate({job=\"loki\"}[5m])) * on(instance, job) group_left (node) sum(rate({job=\"loki-prod\"}[5m]))",
                        "  sum(\n    rate(\n      {job=\"loki\"} [5m]\n    )\n  )\n* on (instance, job) group_left (node)\n"
                        + "  sum(\n    rate(\n      {job=\"loki-prod\"} [5m]\n    )\n  )"),
                Arguments.of("label_replace(rate({job=\"api-server\",service=\"a:c\"}|= \"err\" [5m]), \"foo\", \"$1\", \"service\", \"(.*):.*\")",
                        "label_replace(\n  rate(\n    {job=\"api-server\", service=\"a:c\"}\n      |= \"err\" [5m]\n  ),\n"
                        + "  \"foo\",\n  \"$1\",\n  \"service\",\n  \"(.*):.*\"\n)"),
                Arguments.of("{a=\"b\"} | decolorize | json", "{a=\"b\"}\n| decolorize\n  | json"));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void layout(String in, String expected) {
        assertEquals(expected, LogqlPrinter.pretty(LogqlParser.parse(in), 20));
    }

    @Test
    void shortQueriesStaySingleLine() {
        String q = "sum by (app) (count_over_time({app=\"api\"} |= \"x\" [5m] offset 5m))";
        assertEquals("sum by (app)(count_over_time({app=\"api\"} |= \"x\"[5m] offset 5m0s))",
                LogqlPrinter.pretty(LogqlParser.parse(q)));
    }
}
