package io.strata.logql.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.logql.log.ParserHints;
import io.strata.logql.syntax.Expr;
import io.strata.logql.syntax.LogqlParser;
import io.strata.model.Labels;
import io.strata.model.LogEntry;
import io.strata.model.PushStream;
import io.strata.model.StrataException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Parser hints change no result: random metric queries over random logfmt/JSON lines (clashing
 * keys, nested objects, duplicates, malformed lines, bad numbers) give the same matrix — or the
 * same error — with hints as with every label extracted.
 */
class ParserHintsDifferentialTest {
    private static final long SEC = 1_000_000_000L;
    private static final String[] KEYS = {"app", "level", "status", "duration", "size", "user", "env", "trace",
        "msg", "pod", "__error__", "app_extracted", "lvl"};
    private static final String[] LEVELS = {"info", "warn", "error", "debug"};

    private static String value(Random r, String key) {
        return switch (key) {
            case "status" -> r.nextInt(10) == 0 ? "n/a" : String.valueOf(200 + 100 * r.nextInt(4) + r.nextInt(3));
            case "duration" -> r.nextInt(12) == 0 ? "slow" : (r.nextInt(2000) + "ms");
            case "size" -> r.nextInt(10) == 0 ? "big" : (r.nextInt(100) + "KB");
            case "level", "lvl" -> LEVELS[r.nextInt(LEVELS.length)];
            default -> "v" + r.nextInt(4);
        };
    }

    private static String logfmt(Random r) {
        StringBuilder sb = new StringBuilder();
        int n = 1 + r.nextInt(7);
        for (int i = 0; i < n; i++) {
            String k = KEYS[r.nextInt(KEYS.length)];
            sb.append(i == 0 ? "" : " ").append(k).append('=');
            String v = value(r, k);
            sb.append(r.nextInt(5) == 0 ? "\"" + v + " x\"" : v);
        }
        if (r.nextInt(15) == 0) {
            sb.append(" =broken \"unterminated");
        }
        return sb.toString();
    }

    private static String json(Random r) {
        if (r.nextInt(20) == 0) {
            return "not json " + r.nextInt(3);
        }
        StringBuilder sb = new StringBuilder("{");
        int n = 1 + r.nextInt(7);
        for (int i = 0; i < n; i++) {
            String k = KEYS[r.nextInt(KEYS.length)];
            sb.append(i == 0 ? "" : ",").append('"').append(k).append("\":");
            int kind = r.nextInt(8);
            String v = value(r, k);
            if (kind == 0) {
                sb.append("{\"a\":\"").append(v).append("\",\"status\":").append(r.nextInt(600)).append('}');
            } else if (kind == 1 && v.chars().allMatch(Character::isDigit)) {
                sb.append(v);
            } else if (kind == 2) {
                sb.append("[1,2]");
            } else {
                sb.append('"').append(v).append('"');
            }
        }
        if (r.nextInt(25) == 0) {
            sb.append(",\"trunc");
        }
        return sb.append('}').toString();
    }

    private static InMemoryQuerier data(Random r) {
        InMemoryQuerier q = new InMemoryQuerier();
        for (int s = 0; s < 6; s++) {
            boolean isJson = s % 2 == 0;
            Labels labels = Labels.of("app", "a" + s % 3, "format", isJson ? "json" : "logfmt", "job", "j");
            List<LogEntry> entries = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                long ts = (i * 2L + r.nextInt(2)) * SEC;
                Labels meta = r.nextInt(6) == 0 ? Labels.of("trace", "t" + r.nextInt(3)) : Labels.EMPTY;
                entries.add(new LogEntry(ts, isJson ? json(r) : logfmt(r), meta));
            }
            q.push(new PushStream(labels, entries));
        }
        return q;
    }

    private static final String[] GROUPS = {"app", "level", "status", "app_extracted", "__error__", "lvl", "a",
        "status_extracted", "trace", "user_a", "pod", "msg, level", "size"};
    private static final String[] PARSERS = {"logfmt", "json", "logfmt --strict", "logfmt --keep-empty",
        "json | logfmt", "logfmt | json"};
    private static final String[] FILTERS = {"", " | status >= 500", " | level=\"error\"", " | __error__=\"\"",
        " | duration > 1s", " | drop __error__, __error_details__", " | keep app, level, status",
        " | drop level", " | size > 20KB or lvl=~\"w.*\"", " | label_format level=lvl",
        " | line_format \"{{.msg}}\" |= \"v\"", " | drop user=\"v1\"", " | status != 200 and __error__=\"\"",
        " |= \"status\"", " | user_a=\"v2\""};

    private static String query(Random r) {
        String sel = "{job=\"j\"" + (r.nextBoolean() ? ", format=\"" + (r.nextBoolean() ? "json" : "logfmt") + "\"" : "")
                + "}";
        String pipe = sel + " | " + PARSERS[r.nextInt(PARSERS.length)] + FILTERS[r.nextInt(FILTERS.length)]
                + (r.nextBoolean() ? " | __error__=\"\"" : FILTERS[r.nextInt(FILTERS.length)]);
        String g = GROUPS[r.nextInt(GROUPS.length)];
        String by = r.nextInt(6) == 0 ? " without (" + g + ")" : r.nextInt(8) == 0 ? "" : " by (" + g + ")";
        String unwrapLabel = r.nextBoolean() ? "duration(duration)" : r.nextBoolean() ? "status" : "bytes(size)";
        String post = r.nextBoolean() ? " | __error__=\"\"" : "";
        return switch (r.nextInt(8)) {
            case 0 -> "sum" + by + " (count_over_time(" + pipe + " [1m]))";
            case 1 -> "quantile_over_time(0.9, " + pipe + " | unwrap " + unwrapLabel + post + " [2m])" + by;
            case 2 -> "min_over_time(" + pipe + " | unwrap " + unwrapLabel + post + " [1m])" + by;
            case 3 -> "sum" + by + " (sum_over_time(" + pipe + " | unwrap " + unwrapLabel + post + " [1m]))";
            case 4 -> "max" + by + " (rate(" + pipe + " [1m]))";
            case 5 -> "sum(bytes_over_time(" + pipe + " [1m]))";
            case 6 -> "avg_over_time(" + pipe + " | unwrap " + unwrapLabel + post + " [1m])" + by;
            default -> "topk(2, sum" + by + " (rate(" + pipe + " [30s])))";
        };
    }

    private static String run(LogqlEngine engine, Planner planner, Expr expr, QueryRequest req) {
        try {
            return String.valueOf(engine.execute(planner.plan(expr), req, QueryGuard.NONE));
        } catch (StrataException e) {
            return "error: " + e.getMessage();
        }
    }

    @Test
    void randomMetricQueriesGiveTheSameResultWithAndWithoutHints() {
        Random r = new Random(20261122);
        LogqlEngine engine = new LogqlEngine(data(r), EngineOptions.DEFAULTS);
        Planner hinted = new Planner(true);
        Planner full = new Planner(false);
        int nonEmpty = 0;
        int errors = 0;
        for (int i = 0; i < 600; i++) {
            String q = query(r);
            Expr expr = LogqlParser.parse(q);
            QueryRequest req = QueryRequest.range(q, 0, 600 * SEC, 30 * SEC);
            String expected = run(engine, full, expr, req);
            assertEquals(expected, run(engine, hinted, expr, req), q);
            if (expected.startsWith("error: ")) {
                errors++;
            } else if (expected.length() > 40) {
                nonEmpty++;
            }
        }
        System.out.println("parser hints differential: " + nonEmpty + " with data, " + errors + " errors");
        assertTrue(nonEmpty > 250, "queries with data: " + nonEmpty);
        assertTrue(errors > 50, "queries failing with a pipeline error (full labels named): " + errors);
    }

    @Test
    void hintsNameWhatTheQueryReadsAndAreOffWhenAllLabelsMatter() {
        var stages = ((io.strata.logql.syntax.RangeAggregationExpr) LogqlParser.parse(
                "count_over_time({a=\"b\"} | logfmt | status >= 500 | drop x=\"1\" [1m])")).range().log().stages();
        ParserHints h = NeededLabels.of(stages, List.of(), "duration", List.of("app"));
        assertNotNull(h);
        for (String k : List.of("app", "status", "x", "duration", "__anything")) {
            assertTrue(h.wanted(k), k);
        }
        assertFalse(h.wanted("level"));
        assertTrue(new ParserHints(List.of("app_extracted")).wanted("app"));
        assertNull(NeededLabels.of(stages, List.of(), null, null), "without/no grouping: every label");
        var templated = ((io.strata.logql.syntax.RangeAggregationExpr) LogqlParser.parse(
                "count_over_time({a=\"b\"} | json | label_format x=\"{{.y}}\" [1m])")).range().log().stages();
        assertNull(NeededLabels.of(templated, List.of(), null, List.of("x")), "templates read any label");
    }
}
