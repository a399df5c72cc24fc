package io.strata.ruler;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.model.Labels;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A recording rule's series arrives in a real Prometheus through remote write. */
class PrometheusRemoteWriteIT {
    @TempDir
    Path work;

    @Test
    void recordingRuleSeriesArrivesInPrometheus() throws Exception {
        FakeQuerier querier = new FakeQuerier().answer("sum by (app) (rate({job=\"api\"}[1m]))",
                List.of(new RuleSample(Labels.of("app", "web"), 2.5)));
        try (ExternalServer prom = ExternalServer.prometheus(work)) {
            RulerOptions options = RulerOptions.defaults()
                    .withRemoteWriteUrl(URI.create(prom.base + "/api/v1/write"));
            RuleStore store = new DirectoryRuleStore(work.resolve("rules"), new RuleGroupValidator(ExpressionChecker.ACCEPT_ALL));
            try (Ruler ruler = new Ruler(options, store, querier, ExpressionChecker.ACCEPT_ALL,
                    t -> RulerTenantOptions.DEFAULTS, Clock.systemUTC())) {
                ruler.start();
                ruler.config().setGroup("tenant-a", "records", """
                        name: rates
                        interval: 1s
                        rules:
                          - record: app:log_lines:rate1m
                            expr: sum by (app) (rate({job="api"}[1m]))
                            labels:
                              team: payments
                        """.getBytes(StandardCharsets.UTF_8));
                String query = "/api/v1/query?query=" + URLEncoder.encode("app:log_lines:rate1m", StandardCharsets.UTF_8);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                String body = "";
                while (System.nanoTime() < deadline) {
                    body = prom.get(query).body();
                    if (body.contains("\"2.5\"")) {
                        break;
                    }
                    Thread.sleep(250);
                }
                assertTrue(body.contains("\"__name__\":\"app:log_lines:rate1m\"") && body.contains("\"app\":\"web\"")
                        && body.contains("\"team\":\"payments\"") && body.contains("\"2.5\""),
                        "Prometheus answered: " + body + " counters sent=" + ruler.counters().samplesSent.get()
                                + " errors=" + ruler.counters().sampleErrors.get() + "\n" + prom.logText());
            }
        }
    }
}
