package io.strata.logql.syntax;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code parse(print(parse(q))) == parse(q)} (record equality) and printing is idempotent;
 * the pretty form re-parses to the same AST too. Includes the 40 queries of LOGQL.md §5.
 */
class LogqlRoundTripTest {

    @ParameterizedTest
    @ValueSource(strings = {
        // LOGQL.md §5.2
        "{app=\"api\"}",
        "{app=\"api\", pod=\"a\"}",
        "{app!=\"\"}",
        "{app=\"api\"} != \"\"",
        "{app=\"api\", pod=\"b\"} | json",
        "{app=\"api\", pod=\"b\"} | json first_tag=\"tags[0]\", uid=\"user.id\", missing=\"nope\", user=\"user\"",
        "{app=\"keys\"} | json",
        "{app=\"dup\"} |= \"a=\" | logfmt | regexp \"b=(?P<a>\\\\w+)\"",
        "{app=\"dup\"} |= \"first\" | json",
        "{app=\"api\", pod=\"b\"} | logfmt",
        "{app=\"api\", pod=\"b\"} | logfmt --keep-empty",
        "{app=\"api\", pod=\"b\"} | logfmt --strict",
        "{app=\"packed\"} | unpack",
        "{app=\"api\", pod=\"b\"} |= \"u1\" | unpack",
        "{app=\"api\", pod=\"a\"} | logfmt | status >= 400",
        "{app=\"api\", pod=\"b\"} | json | status >= 500",
        "{app=\"api\", pod=\"a\"} | logfmt | level=\"info\", method=\"GET\" or level=\"warn\" | line_format \"{{.level}}\"",
        "{app=\"api\", pod=\"a\"} | logfmt | level=\"info\" and method=\"GET\" or level=\"warn\" | line_format \"{{.level}}\"",
        "{app=\"api\", pod=\"a\"} |= \"POST\" | logfmt | label_format verb=method, lvl=\"{{.level | ToUpper}}-{{.status}}\", st=\"{{.method}}\"",
        "{app=\"api\", pod=\"a\"} |= \"POST\" | logfmt | label_format a=\"{{.level}}\", b=\"{{.a}}-x\"",
        "{app=\"web\"} | pattern \"<method> <path> <code> from <ip>\"",
        "{app=\"web\"} | regexp \"(?P<verb>POST)?.*from (?P<ip>\\\\S+)\"",
        "{app=\"web\"} | decolorize |= \"ERROR GET\"",
        "{app=\"web\"} |= ip(\"192.168.1.0/24\")",
        "{app=\"web\"} != ip(\"192.168.1.10-192.168.1.10\")",
        "{app=\"web\"} |= \"login\" or \"index\"",
        "{app=\"web\"} |> \"<_> /login <_>\"",
        "{app=\"cnt\"} |= \"c=20\" | logfmt | line_format \"{{ div .c 0 }}\"",
        "{app=\"cnt\"} |= \"c=20\" | logfmt | line_format \"{{ .c | printf \\\"%05s\\\" }} {{ if gt (int .c) 10 }}big{{ else }}small{{ end }}\"",
        "{app=\"api\", pod=\"b\"} | json | drop __error__, __error_details__, user_id, level=\"info\", pod",
        "{app=\"api\", pod=\"a\"} |= \"GET\" | logfmt | keep level, path=\"/users\"",
        "count_over_time({app=\"api\"}[1m])",
        "count_over_time({app=\"dedup\"}[1m])",
        "count_over_time({app=\"api\", pod=\"a\"}[20s])",
        "count_over_time({app=\"api\", pod=\"a\"}[30s] offset 30s)",
        "vector(1)",
        "bytes_over_time({app=\"web\"}[1m])",
        "bytes_rate({app=\"web\"}[1m])",
        "bytes_over_time({app=\"web\"} | decolorize [1m])",
        "sum_over_time({app=\"api\", pod=\"a\"} | logfmt | unwrap duration(latency) [1m])",
        "sum_over_time({app=\"api\", pod=\"a\"} | logfmt | unwrap duration(latency) | __error__=\"\" [1m])",
        "avg_over_time({app=\"api\", pod=\"a\"} | logfmt | unwrap bytes(size) | __error__=\"\" [1m]) by (method)",
        "stddev_over_time({app=\"cnt\"} | logfmt | unwrap c [1m])",
        "stdvar_over_time({app=\"cnt\"} | logfmt | unwrap c [1m])",
        "quantile_over_time(0.9, {app=\"cnt\"} | logfmt | unwrap c [1m])",
        "rate({app=\"cnt\"} | logfmt | unwrap c [1m])",
        "last_over_time({app=\"cnt\"} | logfmt | unwrap c [1m]) - first_over_time({app=\"cnt\"} | logfmt | unwrap c [1m])",
        "rate_counter({app=\"cnt\"} | logfmt | unwrap c [1m])",
        "absent_over_time({app=\"api\", pod=~\"z.*\", env=\"prod\"} |= \"x\" [1m])",
        "absent_over_time({app=\"cnt\"}[10s])",
        "topk(1, count_over_time({app=~\"api|web\"}[20s]))",
        "topk(2, count_over_time({app=~\"keys|dup|web\"}[1m]))",
        "sort_desc(count_over_time({app=~\"keys|dup|web\"}[1m]))",
        "3 < count_over_time({app=\"api\"}[1m])",
        "count_over_time({app=\"api\"}[1m]) > bool 3",
        "1 > 2",
        "sum(count_over_time({app=\"api\"}[1m])) / 0",
        "count_over_time({app=\"api\"}[1m]) / on(app) sum by (app) (count_over_time({app=\"api\"}[1m]))",
        "count_over_time({app=\"api\"}[1m]) / on(app) group_left sum by (app) (count_over_time({app=\"api\"}[1m]))",
        "sum by (env) (count_over_time({app=~\"api|web\"}[1m])) + on(env) group_left(app) max by (env, app) (count_over_time({app=~\"api|web\"}[1m]))",
        "sum(count_over_time({app=\"nope\"}[1m])) or vector(0)",
        "count_over_time({app=~\"api|web\"}[1m]) unless on(env) count_over_time({app=\"cnt\"}[1m])",
        "sum by (level) (count_over_time({app=\"api\"} | json [1m]))",
        "sum by (__error__) (count_over_time({app=\"api\"} | json [1m]))",
        "sum(count_over_time({app=\"api\"} | json [1m]))",
        "label_replace(count_over_time({app=\"api\"}[1m]), \"pod\", \"\", \"pod\", \"a\")",
        "label_replace(count_over_time({app=\"api\"}[1m]), \"p\", \"pod-$1\", \"pod\", \"(.*)\")",
        // more constructs
        "{a=\"b\"} | logfmt | latency >= 1h30m",
        "count_over_time({app=\"api\"}[1m] |= \"GET\")",
        "sum without (pod) (count_over_time({a=\"b\"}[1m]))",
        "sum(count_over_time({a=\"b\"}[1m])) without (pod)",
        "sum without () (count_over_time({a=\"b\"}[1m]))",
        "vector(1_000)",
        "{a=\"b\"} | x > -1.5 | y < +2 | d != 5s | e == 1e3",
        "{a=\"b\"} | s >= 1MB | t < 1.5KB | u > 20B | v <= 3GB | w == 2TB",
        "{a=\"b\"} | ( a=\"1\" or b=\"2\" ) , c=\"3\" d=~\"x.+\" e!~\"y\"",
        "{a=\"b\"} | a=ip(\"10.0.0.0/8\") | b!=ip(\"::1\")",
        "{a=\"b\"} | json | unwrap_me=\"x\"",
        "sum by (rate) (rate({a=\"b\"} | unwrap bytes [1m]))",
        "max_over_time({a=\"b\"} | unwrap bytes(size) | size > 1 [1m] offset -5m)",
        "max_over_time(({a=\"b\"} | json | unwrap x)[1m] offset 1h)",
        "min_over_time(({a=\"b\"})[1m] | unwrap x | x > 1)",
        "first_over_time({a=\"b\"}[1m] offset 1m | json | unwrap x)",
        "count_over_time((({a=\"b\"}[1m])))",
        "2 ^ 3 ^ 2 * count_over_time({a=\"b\"}[1m]) % 3 - 1 + 4 / 2",
        "count_over_time({a=\"b\"}[1m]) ^ 2 ^ count_over_time({c=\"d\"}[1m])",
        "(count_over_time({a=\"b\"}[1m]) or count_over_time({c=\"d\"}[1m])) and count_over_time({e=\"f\"}[1m])",
        "count_over_time({a=\"b\"}[1m]) == bool ignoring(x, y) group_right(z) count_over_time({c=\"d\"}[1m])",
        "count_over_time({a=\"b\"}[1m]) == on() group_right() count_over_time({c=\"d\"}[1m])",
        "approx_topk(5, count_over_time({a=\"b\"}[1m]))",
        "bottomk by (x) (3, count_over_time({a=\"b\"}[1m]))",
        "stdvar without (x) (count_over_time({a=\"b\"}[1m]))",
        "avg(count_over_time({a=\"b\"}[1m])) by (x) > 0.5",
        "-1.5",
        "+3 * -2",
        "{x=\"ü\", a=\"\\u00e9\\n\\t\\\"\\x01\\u00a0\"} |= `back\\slash` |~ \"(?i)a.b\"",
        "{a=\"b\"} | label_format x=y,z=\"{{.a}}\" | line_format `{{ .x }}` | drop a, b=\"c\" | keep d=~\"e\"",
        "{a=\"b\"} | json a, b=\"c\" | logfmt --strict d, e=\"f\" | logfmt --keep-empty --strict",
        "{a=\"b\"} |= \"a\" or ip(\"1.1.1.1\") or \"c\" != \"d\" or \"e\" |~ \"x\" or \"y\" !~ \"z\" or \"w\" |> \"<_>\" or \"p\" !> \"q\" or \"r\"",
        "rate({a=\"b\"}[1y]) + rate({a=\"b\"}[1w]) + rate({a=\"b\"}[1d12h30m15s500ms])",
    })
    void roundTrips(String q) {
        Expr first = LogqlParser.parse(q);
        String printed = LogqlPrinter.print(first);
        Expr second = LogqlParser.parse(printed);
        assertEquals(first, second, () -> "printed: " + printed);
        assertEquals(printed, LogqlPrinter.print(second));
        if (prettyIsLossless(first)) {
            String pretty = LogqlPrinter.pretty(first, 20);
            assertEquals(first, LogqlParser.parse(pretty), () -> "pretty: " + pretty);
        }
    }

    /**
     * Loki's Prettify loses information in a few shapes (and so do we, on purpose): split or-chains
     * keep only their first operand, nested binary operations lose their parentheses, {@code on()}
     * vanishes and {@code without ()} prints as {@code without}.
     */
    static boolean prettyIsLossless(Expr e) {
        return switch (e) {
            case LogExpr l -> l.stages().stream().noneMatch(s -> s instanceof LineFilterExpr f && f.operands().size() > 1);
            case RangeAggregationExpr r -> prettyIsLossless(r.range().log());
            case VectorAggregationExpr v -> !(v.grouping().without() && v.grouping().labels().isEmpty())
                    && prettyIsLossless(v.inner());
            case BinOpExpr b -> !(b.left() instanceof BinOpExpr) && !(b.right() instanceof BinOpExpr)
                    && b.matching().labels().size() == (b.matching().on() || !b.matching().labels().isEmpty()
                            ? Math.max(1, b.matching().labels().size()) : 0)
                    && prettyIsLossless(b.left()) && prettyIsLossless(b.right());
            case LabelReplaceExpr l -> prettyIsLossless(l.inner());
            case LiteralExpr l -> true;
            case VectorExpr v -> true;
        };
    }
}
