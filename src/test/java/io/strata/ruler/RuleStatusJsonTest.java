package io.strata.ruler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.strata.model.ErrorCategory;
import io.strata.model.Labels;
import io.strata.model.StrataException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuleStatusJsonTest {
    private static final long TS = 1_795_295_400_000L; // 2026-11-21T21:10:00Z

    private static GroupEvaluator group(RulerCounters counters) {
        RuleGroup g = new RuleGroup("apigroup", Duration.ZERO, 0, List.of(
                Rule.alerting("ApiTestErrors", "errs > 0", Duration.ZERO, Map.of("severity", "critical"),
                        Map.of("summary", "errors in {{ $labels.app }}")),
                Rule.recording("apitest:lines:rate1m", "rate", Map.of("team", "x"))));
        return new GroupEvaluator("t", "apins", g, RulerOptions.defaults(), counters);
    }

    private static String s(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    @Test
    void beforeTheFirstEvaluation() {
        String json = s(RuleStatusJson.rules(List.of(group(new RulerCounters())), RuleStatusJson.Filter.NONE,
                Duration.ofMinutes(1)));
        assertEquals("{\"status\":\"success\",\"data\":{\"groups\":[{\"name\":\"apigroup\",\"file\":\"apins\",\"rules\":["
                + "{\"state\":\"inactive\",\"name\":\"ApiTestErrors\",\"query\":\"errs > 0\",\"duration\":0,"
                + "\"labels\":{\"severity\":\"critical\"},\"annotations\":{\"summary\":\"errors in {{ $labels.app }}\"},"
                + "\"alerts\":[],\"health\":\"unknown\",\"lastError\":\"\",\"type\":\"alerting\","
                + "\"lastEvaluation\":\"0001-01-01T00:00:00Z\",\"evaluationTime\":0},"
                + "{\"name\":\"apitest:lines:rate1m\",\"query\":\"rate\",\"labels\":{\"team\":\"x\"},\"health\":\"unknown\","
                + "\"lastError\":\"\",\"type\":\"recording\",\"lastEvaluation\":\"0001-01-01T00:00:00Z\",\"evaluationTime\":0}],"
                + "\"interval\":60,\"limit\":0,\"lastEvaluation\":\"0001-01-01T00:00:00Z\",\"evaluationTime\":0}]},"
                + "\"errorType\":\"\",\"error\":\"\"}", json);
        assertEquals("{\"status\":\"success\",\"data\":{\"groups\":[]},\"errorType\":\"\",\"error\":\"\"}",
                s(RuleStatusJson.rules(List.of(), RuleStatusJson.Filter.NONE, Duration.ofMinutes(1))));
        assertEquals("{\"status\":\"success\",\"data\":{\"alerts\":[]},\"errorType\":\"\",\"error\":\"\"}",
                s(RuleStatusJson.alerts(List.of())));
    }

    @Test
    void firingAlertsAndFilters() {
        GroupEvaluator g = group(new RulerCounters());
        FakeQuerier q = new FakeQuerier().answer("errs > 0", List.of(new RuleSample(Labels.of("app", "web"), 35)));
        g.evaluate(TS, q, AlertSender.NONE, SampleWriter.NONE);
        String alerts = s(RuleStatusJson.alerts(List.of(g)));
        assertEquals("{\"status\":\"success\",\"data\":{\"alerts\":[{\"labels\":{\"alertname\":\"ApiTestErrors\","
                + "\"app\":\"web\",\"severity\":\"critical\"},\"annotations\":{\"summary\":\"errors in web\"},"
                + "\"state\":\"firing\",\"activeAt\":\"2026-11-21T21:10:00Z\",\"value\":\"3.5e+01\"}]},"
                + "\"errorType\":\"\",\"error\":\"\"}", alerts);
        String onlyRecords = s(RuleStatusJson.rules(List.of(g), RuleStatusJson.Filter.of("record", null, null, null),
                Duration.ofMinutes(1)));
        assertEquals(false, onlyRecords.contains("ApiTestErrors"));
        assertEquals(true, onlyRecords.contains("\"lastEvaluation\":\"2026-11-21T21:10:00Z\""));
        String noMatch = s(RuleStatusJson.rules(List.of(g), RuleStatusJson.Filter.of(null, List.of("other"), null,
                null), Duration.ofMinutes(1)));
        assertEquals("{\"status\":\"success\",\"data\":{\"groups\":[]},\"errorType\":\"\",\"error\":\"\"}", noMatch);
        String byName = s(RuleStatusJson.rules(List.of(g), RuleStatusJson.Filter.of("", null, List.of("apigroup"),
                List.of("ApiTestErrors")), Duration.ofMinutes(1)));
        assertEquals(false, byName.contains("recording"));
        StrataException e = assertThrows(StrataException.class, () -> RuleStatusJson.Filter.of("x", null, null, null));
        assertEquals(ErrorCategory.BAD_REQUEST, e.category());
        assertEquals("not supported value \"x\"", e.getMessage());
        assertEquals("{\"status\":\"error\",\"data\":null,\"errorType\":\"bad_data\",\"error\":\"not supported value \\\"x\\\"\"}",
                s(RuleStatusJson.error(e)));
    }
}
