package io.strata.logql.syntax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Hostile input: every input must end quickly in a result or a {@link ParseException}; nothing
 * else (no StackOverflowError, no RuntimeException of another type) may escape.
 */
class LogqlFuzzTest {
    private static final String[] SOUP = {
        "{", "}", "(", ")", "[5m]", "[", "]", ",", "|", "|=", "!=", "|~", "!~", "|>", "!>", "=", "==", "=~", ">", ">=", "<",
        "<=", "+", "-", "*", "/", "%", "^", "or", "and", "unless", "by", "without", "on", "ignoring", "group_left",
        "group_right", "bool", "offset", "5m", "1KB", "1.5", "0x10", "1e400", "\"a\"", "`b`", "\"\\q\"", "'x'", "app",
        "sum", "rate", "count_over_time", "quantile_over_time", "topk", "vector", "label_replace", "json", "logfmt",
        "--strict", "regexp", "pattern", "unpack", "line_format", "label_format", "drop", "keep", "decolorize",
        "unwrap", "bytes", "duration", "ip", "#", "\n", " ", "/*", "*/", "\u00e9", "\ud800",
    };

    /** Parses, printing and re-parsing successes; only ParseException / StrataException may escape. */
    private static void survive(String q) {
        try {
            Expr e = LogqlParser.parse(q);
            LogqlPrinter.print(e);
            LogqlPrinter.pretty(e);
        } catch (ParseException expected) {
            // fine
        } catch (io.strata.model.StrataException expected) {
            // only from the typed entry points
        }
    }

    @Test
    void randomBytes() {
        Random r = new Random(42);
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            for (int i = 0; i < 20_000; i++) {
                byte[] b = new byte[r.nextInt(64)];
                r.nextBytes(b);
                survive(new String(b, StandardCharsets.UTF_8));
                survive(new String(b, StandardCharsets.ISO_8859_1));
            }
        });
    }

    @Test
    void tokenSoup() {
        Random r = new Random(7);
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            for (int i = 0; i < 30_000; i++) {
                StringBuilder sb = new StringBuilder();
                int n = 1 + r.nextInt(25);
                for (int k = 0; k < n; k++) {
                    sb.append(SOUP[r.nextInt(SOUP.length)]).append(r.nextBoolean() ? " " : "");
                }
                survive(sb.toString());
            }
        });
    }

    @Test
    void mutatedValidQueries() {
        String[] seeds = {
            "sum by (app) (rate({app=\"api\"} |= \"x\" | logfmt | level=\"error\" or status >= 500 [5m] offset 1m))",
            "quantile_over_time(0.9, {a=\"b\"} | json | unwrap duration(x) | __error__=\"\" [1m]) by (c) / on(c) group_left vector(1)",
            "label_replace(topk(3, count_over_time({a=~\"x.+\"} != ip(\"1.2.3.4\") | drop a [1m])), \"d\", \"$1\", \"s\", \"(.*)\")",
        };
        Random r = new Random(3);
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            for (int i = 0; i < 30_000; i++) {
                StringBuilder sb = new StringBuilder(seeds[r.nextInt(seeds.length)]);
                for (int m = 0; m < 1 + r.nextInt(3); m++) {
                    int p = r.nextInt(sb.length());
                    switch (r.nextInt(3)) {
                        case 0 -> sb.deleteCharAt(p);
                        case 1 -> sb.insert(p, SOUP[r.nextInt(SOUP.length)]);
                        default -> sb.setCharAt(p, (char) r.nextInt(128));
                    }
                }
                survive(sb.toString());
            }
        });
    }

    @Test
    void deepNestingIsBounded() {
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            for (String open : new String[] {"(", "sum(", "-(", "({a=\"b\"} | (", "2^"}) {
                String q = open.repeat(10_000) + "1" + ")".repeat(10_000);
                ParseException e = assertThrows(ParseException.class, () -> LogqlParser.parse(q));
                assertEquals(true, e.getMessage().contains("parse error"), e.getMessage());
            }
            String filters = "{a=\"b\"} | " + "x=\"1\", ".repeat(5000) + "y=\"2\"";
            assertThrows(ParseException.class, () -> LogqlParser.parse(filters));
            String chain = "vector(1)" + " + vector(1)".repeat(5000);
            assertThrows(ParseException.class, () -> LogqlParser.parse(chain));
        });
        // moderate nesting still parses
        assertEquals(new LiteralExpr(1), LogqlParser.parse("(".repeat(100) + "1" + ")".repeat(100)));
    }

    @Test
    void bigInputs() {
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            String filters = "{a=\"b\"}" + " |= \"needle\"".repeat(8000); // ~100 KB, valid
            assertEquals(8000, ((LogExpr) LogqlParser.parse(filters)).stages().size());
            String big = "{a=\"" + "x".repeat(100_000) + "\"}";
            assertEquals(1, ((LogExpr) LogqlParser.parse(big)).matchers().size());
            assertThrows(ParseException.class, () -> LogqlParser.parse("{a=\"" + "\u00e9".repeat(70_000) + "\"}"));
            survive("9".repeat(100_000));
            survive("vector(" + "9".repeat(400) + ")");
            survive("topk(" + "9".repeat(40) + ", vector(1))");
            survive("{a=\"b\"} | x > " + "9".repeat(1000));
            survive("rate({a=\"b\"}[" + "9".repeat(30) + "y])");
            survive("{a=\"b\"} | x > " + "9".repeat(30) + "h");
            survive("{a=\"b\"} | x > " + "9".repeat(30) + "PiB");
            survive("{a=~\"" + "(".repeat(2000) + "\"}");
        });
    }
}
