package io.strata.ruler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.model.Labels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuleSchedulerTest {
    static final long MIN = 60_000;
    static final String ERRORS = "sum by (app) (count_over_time({job=\"api\"} |= \"error\" [1m])) > 0";

    @TempDir
    Path dir;

    final MutableClock clock = new MutableClock(1_800_000_000_000L);
    final FakeQuerier querier = new FakeQuerier();
    final RecordingSinks sinks = new RecordingSinks();
    final RulerCounters counters = new RulerCounters();
    volatile boolean errorsPresent;

    RulerOptions options = RulerOptions.defaults().withExternal("http://grafana:3000", "loki-uid",
            Map.of("cluster", "eu-1"));

    void writeRules(String tenant, String ns, String yaml) throws Exception {
        Files.createDirectories(dir.resolve("rules").resolve(tenant));
        Files.writeString(dir.resolve("rules").resolve(tenant).resolve(ns + ".yaml"), yaml);
    }

    RuleScheduler scheduler(Executor executor, AlertStateFile state) {
        RuleStore store = new DirectoryRuleStore(dir.resolve("rules"), new RuleGroupValidator(ExpressionChecker.ACCEPT_ALL));
        RuleScheduler s = new RuleScheduler(store, querier, sinks, sinks, options, t -> RulerTenantOptions.DEFAULTS,
                clock, executor, counters, state);
        s.sync();
        return s;
    }

    void evalAt(RuleScheduler s, long ts) {
        clock.set(ts);
        s.tick();
    }

    String alertRules(String forDuration, String keepFiringFor) {
        return """
                groups:
                  - name: api
                    interval: 1m
                    rules:
                      - alert: ApiErrors
                        expr: '%s'
                        for: %s
                        keep_firing_for: %s
                        labels:
                          severity: critical
                        annotations:
                          summary: '{{ $labels.app }} logs {{ $value }} errors ({{ $externalLabels.cluster }})'
                """.formatted(ERRORS, forDuration, keepFiringFor);
    }

    @Test
    void alertGoesPendingFiringResolvedAndIsResentAsPrometheusDoes() throws Exception {
        writeRules("t1", "apins", alertRules("2m", "0s"));
        querier.answer(ERRORS, t -> errorsPresent ? List.of(new RuleSample(Labels.of("app", "web"), 3)) : List.of());
        RuleScheduler s = scheduler(Runnable::run, null);
        long s0 = s.nextEvaluation("t1", "apins", "api");
        assertTrue(s0 >= clock.millis() && s0 < clock.millis() + MIN, "first slot within one interval");
        assertEquals(RuleScheduler.offset("t1\u0000apins\u0000api", MIN), Math.floorMod(s0, MIN), "aligned slot");

        errorsPresent = true;
        evalAt(s, s0);
        assertEquals(s0, querier.calls.get(0).at().toEpochMilli(), "instant query at the aligned slot time");
        assertEquals("t1", querier.calls.get(0).tenant());
        assertEquals(AlertState.PENDING, state(s));
        evalAt(s, s0 + MIN);
        assertEquals(AlertState.PENDING, state(s));
        assertEquals(List.of(), sinks.alerts, "pending alerts are never sent");

        evalAt(s, s0 + 2 * MIN);
        assertEquals(AlertState.FIRING, state(s));
        assertEquals(1, sinks.alerts.size());
        AlertNotification n = sinks.alerts.get(0).alert();
        assertEquals(Labels.of("alertname", "ApiErrors", "app", "web", "severity", "critical", "cluster", "eu-1"),
                n.labels());
        assertEquals(Labels.of("summary", "web logs 3 errors (eu-1)"), n.annotations());
        assertEquals(s0 + 2 * MIN, n.startsAt());
        assertEquals(s0 + 6 * MIN, n.endsAt(), "endsAt = ts + 4 x max(interval, resend delay)");
        assertTrue(n.generatorUrl().startsWith("http://grafana:3000/explore?left=%7B%22queries%22%3A%5B%7B%22expr"
                + "%22%3A%22sum+by+%28app%29"), n.generatorUrl());
        assertTrue(n.generatorUrl().endsWith("%22datasource%22%3A%7B%22type%22%3A%22loki%22%2C%22uid%22%3A%22loki-uid"
                + "%22%7D%7D%5D%7D"), n.generatorUrl());

        evalAt(s, s0 + 2 * MIN + 30_000); // between slots: nothing runs
        assertEquals(1, sinks.alerts.size());
        evalAt(s, s0 + 3 * MIN);
        assertEquals(2, sinks.alerts.size(), "re-sent after resend delay");

        errorsPresent = false;
        evalAt(s, s0 + 4 * MIN);
        assertEquals(AlertState.INACTIVE, state(s));
        AlertNotification resolved = sinks.alerts.get(2).alert();
        assertEquals(s0 + 4 * MIN, resolved.endsAt(), "resolved: endsAt = resolve time");
        assertEquals(s0 + 2 * MIN, resolved.startsAt());
        for (int m = 5; m <= 25; m++) {
            evalAt(s, s0 + m * MIN);
        }
        assertEquals(2 + 16, sinks.alerts.size(), "resolved alert re-sent every minute for 15 minutes, then forgotten");
        assertTrue(sinks.alerts.subList(2, 18).stream().allMatch(a -> a.alert().endsAt() == s0 + 4 * MIN));
        assertEquals(0, counters.iterationsMissed.get());
    }

    @Test
    void keepFiringForHoldsAResolvedCondition() throws Exception {
        writeRules("t1", "apins", alertRules("0s", "2m"));
        querier.answer(ERRORS, t -> errorsPresent ? List.of(new RuleSample(Labels.of("app", "web"), 1)) : List.of());
        RuleScheduler s = scheduler(Runnable::run, null);
        long s0 = s.nextEvaluation("t1", "apins", "api");
        errorsPresent = true;
        evalAt(s, s0);
        assertEquals(AlertState.FIRING, state(s), "for: 0 fires at once");
        errorsPresent = false;
        evalAt(s, s0 + MIN);
        assertEquals(AlertState.FIRING, state(s));
        evalAt(s, s0 + 2 * MIN);
        assertEquals(AlertState.FIRING, state(s));
        evalAt(s, s0 + 3 * MIN);
        assertEquals(AlertState.INACTIVE, state(s));
        errorsPresent = true;
        evalAt(s, s0 + 4 * MIN);
        assertEquals(AlertState.FIRING, state(s), "a new alert after resolution");
    }

    @Test
    void failingRulesAndLimitsMarkTheRuleAndTheRestGoesOn() throws Exception {
        writeRules("t1", "ns", """
                groups:
                  - name: g
                    limit: 1
                    rules:
                      - alert: Broken
                        expr: FAIL
                      - alert: TooMany
                        expr: many
                      - alert: Dupes
                        expr: dupes
                        labels:
                          app: fixed
                      - record: app:lines:rate1m
                        expr: ok
                        labels:
                          team: x
                """);
        querier.answer("FAIL", t -> {
            throw new IllegalStateException("query timed out");
        });
        querier.answer("many", List.of(new RuleSample(Labels.of("a", "1"), 1), new RuleSample(Labels.of("a", "2"), 1)));
        querier.answer("dupes", List.of(new RuleSample(Labels.of("app", "x"), 1), new RuleSample(Labels.of("app", "y"), 1)));
        querier.answer("ok", List.of(new RuleSample(Labels.of("app", "web"), 2.5)));
        RuleScheduler s = scheduler(Runnable::run, null);
        long s0 = s.nextEvaluation("t1", "ns", "g");
        evalAt(s, s0);
        List<GroupEvaluator.RuleStatus> rules = s.groups("t1").get(0).ruleStatuses();
        assertEquals(new RuleHealth("err", "query timed out", s0, rules.get(0).health().evaluationSeconds()),
                rules.get(0).health());
        assertEquals("exceeded limit of 1 with 2 alerts", rules.get(1).health().lastError());
        assertEquals("vector contains metrics with the same labelset after applying alert labels",
                rules.get(2).health().lastError());
        assertEquals("ok", rules.get(3).health().health());
        assertEquals(3, counters.evaluationFailures.get());
        assertEquals(List.of(new RecordingSinks.Written("t1", new RecordedSample(
                Labels.of("__name__", "app:lines:rate1m", "app", "web", "team", "x", "cluster", "eu-1"), 2.5, s0))),
                sinks.samples);
    }

    @Test
    void aSlowGroupDoesNotBlockOtherGroups() throws Exception {
        writeRules("t1", "slow", "groups:\n- name: slow\n  interval: 1m\n  rules:\n  - record: a\n    expr: hang\n");
        writeRules("t2", "fast", "groups:\n- name: fast\n  interval: 1m\n  rules:\n  - record: b\n    expr: ok\n");
        CountDownLatch release = new CountDownLatch(1);
        querier.answer("hang", t -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return List.of();
        });
        querier.answer("ok", List.of(new RuleSample(Labels.of("x", "1"), 1)));
        ExecutorService exec = Executors.newVirtualThreadPerTaskExecutor();
        try {
            RuleScheduler s = scheduler(exec, null);
            long slow = s.nextEvaluation("t1", "slow", "slow");
            long fast = s.nextEvaluation("t2", "fast", "fast");
            evalAt(s, Math.max(slow, fast));
            awaitSamples(1);
            Thread.sleep(50); // let the fast evaluation's thread clear its running flag after writing
            evalAt(s, Math.max(slow, fast) + MIN); // slow group still running: its slot is skipped
            awaitSamples(2);
            assertEquals(2, sinks.samples.size(), "the fast group ran twice while the slow one hung");
            assertEquals(1, counters.iterationsMissed.get());
        } finally {
            release.countDown();
            exec.shutdown();
            exec.awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void newAndChangedGroupsStartWithinOneIntervalKeepingAlertState() throws Exception {
        writeRules("t1", "apins", alertRules("0s", "0s"));
        querier.answer(ERRORS, List.of(new RuleSample(Labels.of("app", "web"), 1)));
        RuleScheduler s = scheduler(Runnable::run, null);
        long s0 = s.nextEvaluation("t1", "apins", "api");
        evalAt(s, s0);
        assertEquals(AlertState.FIRING, state(s));
        clock.set(s0 + 10_000);
        writeRules("t1", "apins", alertRules("0s", "0s").replace("interval: 1m", "interval: 30s"));
        writeRules("t1", "new", "groups:\n- name: n\n  interval: 5m\n  rules:\n  - record: r\n    expr: x\n");
        s.sync();
        long changed = s.nextEvaluation("t1", "apins", "api");
        assertTrue(changed - clock.millis() <= 30_000 && changed >= clock.millis(), "changed group within one interval");
        long fresh = s.nextEvaluation("t1", "new", "n");
        assertTrue(fresh - clock.millis() <= 5 * MIN && fresh >= clock.millis());
        assertEquals(AlertState.FIRING, state(s), "state carried over to the changed group");
        Files.delete(dir.resolve("rules/t1/new.yaml"));
        s.sync();
        assertEquals(-1, s.nextEvaluation("t1", "new", "n"));
    }

    @Test
    void pendingAndFiringStateSurviveARestart() throws Exception {
        writeRules("t1", "apins", alertRules("5m", "0s")
                + "      - alert: Firing\n        expr: fire\n");
        querier.answer(ERRORS, List.of(new RuleSample(Labels.of("app", "web"), 1)));
        querier.answer("fire", List.of(new RuleSample(Labels.of("app", "db"), 1)));
        AlertStateFile state = new AlertStateFile(dir.resolve("state"));
        RuleScheduler s = scheduler(Runnable::run, state);
        long s0 = s.nextEvaluation("t1", "apins", "api");
        evalAt(s, s0);
        evalAt(s, s0 + MIN);
        assertTrue(Files.exists(dir.resolve("state/t1.json")));
        assertEquals(2, sinks.alerts.size(), "Firing sent, then re-sent a minute later");

        // restart two minutes later: pending keeps its activeAt, firing stays firing without a new startsAt
        clock.set(s0 + 3 * MIN);
        RuleScheduler restarted = scheduler(Runnable::run, state);
        List<GroupEvaluator.RuleStatus> rules = restarted.groups("t1").get(0).ruleStatuses();
        assertEquals(AlertState.PENDING, rules.get(0).state());
        assertEquals(s0, rules.get(0).alerts().get(0).activeAt());
        assertEquals(AlertState.FIRING, rules.get(1).state());
        long next = restarted.nextEvaluation("t1", "apins", "api");
        for (long t = next; t <= s0 + 5 * MIN; t += MIN) {
            evalAt(restarted, t);
        }
        rules = restarted.groups("t1").get(0).ruleStatuses();
        assertEquals(AlertState.FIRING, rules.get(0).state(), "for: 5m counted from before the restart");
        assertTrue(sinks.alerts.stream().filter(a -> a.alert().labels().get("alertname").equals("Firing"))
                .allMatch(a -> a.alert().startsAt() == s0));

        // after more than the outage tolerance (1h) nothing is restored
        clock.set(s0 + 3 * 60 * MIN);
        RuleScheduler late = scheduler(Runnable::run, state);
        assertEquals(AlertState.INACTIVE, late.groups("t1").get(0).ruleStatuses().get(1).state());
    }

    @Test
    void perTenantGroupLimitsSkipGroupsAtLoad() throws Exception {
        writeRules("t1", "a", "groups:\n- name: g1\n  rules:\n  - record: r\n    expr: x\n  - record: s\n    expr: y\n"
                + "- name: g2\n  rules:\n  - record: r\n    expr: x\n");
        writeRules("t1", "b", "groups:\n- name: g3\n  rules:\n  - record: r\n    expr: x\n");
        RuleStore store = new DirectoryRuleStore(dir.resolve("rules"), new RuleGroupValidator(ExpressionChecker.ACCEPT_ALL));
        RuleScheduler s = new RuleScheduler(store, querier, sinks, sinks, options,
                t -> new RulerTenantOptions(1, 1, List.of(), null), clock, Runnable::run, counters, null);
        s.sync();
        assertEquals(List.of("g2"), s.groups("t1").stream().map(g -> g.group().name()).toList());
        assertEquals(2, s.limitErrors().size(), s.limitErrors().toString());
    }

    private void awaitSamples(int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (sinks.samples.size() < n && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
    }

    private static AlertState state(RuleScheduler s) {
        return s.groups("t1").stream().filter(g -> g.namespace().equals("apins")).findFirst().orElseThrow()
                .ruleStatuses().get(0).state();
    }
}
