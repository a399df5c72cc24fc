package io.strata.ruler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuleYamlTest {
    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void parsesAGroupWithAllFields() {
        RuleGroup g = RuleYaml.parseGroup(b("""
                name: apigroup
                interval: 30s
                limit: 10
                rules:
                  - alert: ApiErrors
                    expr: sum by (app) (count_over_time({job="api"} |= "error" [5m])) > 0
                    for: 2m
                    keep_firing_for: 1m
                    labels:
                      severity: critical
                      code: 0x10
                    annotations:
                      summary: errors in {{ $labels.app }}
                  - record: api:lines:rate1m
                    expr: sum(rate({job="api"}[1m]))
                """));
        assertEquals("apigroup", g.name());
        assertEquals(Duration.ofSeconds(30), g.interval());
        assertEquals(10, g.limit());
        Rule a = g.rules().get(0);
        assertEquals("ApiErrors", a.alert());
        assertEquals(Duration.ofMinutes(2), a.forDuration());
        assertEquals(Duration.ofMinutes(1), a.keepFiringFor());
        assertEquals("0x10", a.labels().get("code"), "scalars keep their text");
        assertEquals("errors in {{ $labels.app }}", a.annotations().get("summary"));
        assertEquals("api:lines:rate1m", g.rules().get(1).record());
    }

    @Test
    void apiBodiesIgnoreUnknownKeysButFilesRejectThem() {
        RuleGroup g = RuleYaml.parseGroup(b("name: g\nsource_tenants: [a]\nfoo: 1\nrules:\n- alert: A\n  expr: x\n  bar: 2\n"));
        assertEquals("g", g.name());
        RuleFormatException e = assertThrows(RuleFormatException.class,
                () -> RuleYaml.parseFile(b("groups:\n- name: g\n  rules:\n  - alert: A\n    expr: x\n    bar: 2\n")));
        assertEquals("line 6: field bar not found in type rulefmt.Rule", e.getMessage());
        assertThrows(RuleFormatException.class, () -> RuleYaml.parseFile(b("grups: []\n")));
    }

    @Test
    void rejectsMalformedInput() {
        assertThrows(RuleFormatException.class, () -> RuleYaml.parseGroup(b("name: [unclosed")));
        assertThrows(RuleFormatException.class, () -> RuleYaml.parseGroup(b("- just\n- a list\n")));
        assertThrows(RuleFormatException.class, () -> RuleYaml.parseGroup(b("name: g\ninterval: 60\n")));
        assertThrows(RuleFormatException.class, () -> RuleYaml.parseGroup(b("name: g\nlimit: many\n")));
        assertThrows(RuleFormatException.class, () -> RuleYaml.parseGroup(b("name: g\nname: h\n")));
        assertThrows(RuleFormatException.class, () -> RuleYaml.parseGroup(new byte[RuleYaml.MAX_BYTES + 1]));
        // billion laughs: aliases are bounded
        StringBuilder bomb = new StringBuilder("a: &a [x,x,x,x,x,x,x,x,x,x]\n");
        for (char c = 'b'; c <= 'k'; c++) {
            char p = (char) (c - 1);
            bomb.append(c).append(": &").append(c).append(" [*").append(p).append(",*").append(p).append(",*")
                    .append(p).append(",*").append(p).append(",*").append(p).append("]\n");
        }
        assertThrows(RuleFormatException.class, () -> RuleYaml.parseGroup(b(bomb.toString())));
    }

    @Test
    void emptyBodyIsAnEmptyGroup() {
        assertEquals("", RuleYaml.parseGroup(new byte[0]).name());
        assertEquals(List.of(), RuleYaml.parseFile(new byte[0]));
    }

    @Test
    void writesLokiShapedYamlThatReadsBack() {
        RuleGroup g = new RuleGroup("apigroup", Duration.ofMinutes(1), 0, List.of(
                Rule.alerting("ApiTestErrors", "sum by (app) (count_over_time({job=\"apitest\"} |= \"boom\" [5m])) > 0",
                        Duration.ZERO, Map.of("severity", "critical"), Map.of("summary", "errors in {{ $labels.app }}")),
                Rule.recording("x:y", "sum(rate({a=\"b\"}[1m]))", Map.of("n", "1", "t", "yes"))));
        String yaml = RuleYaml.writeNamespaces(Map.of("apins", List.of(g)));
        assertEquals("""
                apins:
                    - name: apigroup
                      interval: 1m
                      rules:
                          - alert: ApiTestErrors
                            expr: sum by (app) (count_over_time({job="apitest"} |= "boom" [5m])) > 0
                            labels:
                                severity: critical
                            annotations:
                                summary: errors in {{ $labels.app }}
                          - record: x:y
                            expr: sum(rate({a="b"}[1m]))
                            labels:
                                "n": "1"
                                t: "yes"
                """, yaml);
        String single = RuleYaml.writeGroup(g);
        assertEquals(g, RuleYaml.parseGroup(b(single)));
        assertEquals(List.of(g, g.withName("other")), RuleYaml.parseFile(b(RuleYaml.writeFile(List.of(g, g.withName("other"))))));
    }

    @Test
    void quotesWhatWouldNotReadBack() {
        for (String s : new String[] {"", "true", "No", "1m", "-x", "a: b", "x #c", "{a}", "multi\nline", " lead",
                "tab\there", "\"q\"", "'s", "* star", "~", "null", "0.5", "\u2028"}) {
            String yaml = "name: g\nrules:\n- alert: A\n  expr: x\n  labels:\n    k: " + RuleYaml.quoteIfNeeded(s) + "\n";
            assertEquals(s, RuleYaml.parseGroup(b(yaml)).rules().get(0).labels().get("k"), "value " + s);
        }
        assertTrue(RuleYaml.quoteIfNeeded("plain text").equals("plain text"));
    }
}
