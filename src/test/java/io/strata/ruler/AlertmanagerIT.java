package io.strata.ruler;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.model.Labels;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A rule loaded through the config service fires in a real Alertmanager and resolves there. */
class AlertmanagerIT {
    @TempDir
    Path work;

    volatile boolean errorsPresent;

    @Test
    void alertFiresAndResolvesInARealAlertmanager() throws Exception {
        String expr = "sum by (app) (count_over_time({job=\"api\"} |= \"error\" [1m])) > 0";
        FakeQuerier querier = new FakeQuerier().answer(expr,
                t -> errorsPresent ? List.of(new RuleSample(Labels.of("app", "web"), 7)) : List.of());
        try (ExternalServer am = ExternalServer.alertmanager(work)) {
            RulerOptions options = RulerOptions.defaults().withAlertmanagerUrls(List.of(am.base))
                    .withExternal("http://grafana.local:3000", "", Map.of("cluster", "it"));
            RuleStore store = new DirectoryRuleStore(work.resolve("rules"), new RuleGroupValidator(ExpressionChecker.ACCEPT_ALL));
            try (Ruler ruler = new Ruler(options, store, querier, ExpressionChecker.ACCEPT_ALL,
                    t -> RulerTenantOptions.DEFAULTS, Clock.systemUTC())) {
                ruler.start();
                ruler.config().setGroup("tenant-a", "apins", """
                        name: itgroup
                        interval: 1s
                        rules:
                          - alert: StrataItErrors
                            expr: '%s'
                            for: 1s
                            labels:
                              severity: critical
                            annotations:
                              summary: '{{ $labels.app }} has {{ $value }} errors'
                        """.formatted(expr).getBytes(StandardCharsets.UTF_8));
                errorsPresent = true;
                String filter = "/api/v2/alerts?filter=" + URLEncoder.encode("alertname=\"StrataItErrors\"",
                        StandardCharsets.UTF_8);
                String firing = await(am, filter, body -> body.contains("\"state\":\"active\""));
                assertTrue(firing.contains("\"app\":\"web\"") && firing.contains("\"cluster\":\"it\"")
                        && firing.contains("\"summary\":\"web has 7 errors\"")
                        && firing.contains("http://grafana.local:3000/explore?left="), firing);
                String alertsJson = new String(ruler.alertsJson("tenant-a"), StandardCharsets.UTF_8);
                assertTrue(alertsJson.contains("\"state\":\"firing\""), alertsJson);

                errorsPresent = false; // the logs stop
                await(am, filter, body -> body.strip().equals("[]"));
                assertTrue(ruler.counters().notificationsSent.get() >= 2);
            }
        }
    }

    private static String await(ExternalServer am, String path, Predicate<String> done) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        String body = "";
        while (System.nanoTime() < deadline) {
            body = am.get(path).body();
            if (done.test(body)) {
                return body;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("Alertmanager never reached the expected state; last answer: " + body
                + "\n" + am.logText());
    }

}
