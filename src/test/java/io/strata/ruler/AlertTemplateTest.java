package io.strata.ruler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.config.PrometheusDuration;
import io.strata.logql.log.GoFloats;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertTemplateTest {
    private static final AlertTemplate.Data DATA = new AlertTemplate.Data(
            Map.of("app", "web", "job", "api"), Map.of("cluster", "eu-1"), "http://grafana:3000", 1234.5678);

    private static String expand(String text) {
        return AlertTemplate.parse("__alert_T", text).expand(DATA);
    }

    @Test
    void variablesAndFields() {
        assertEquals("errors in web", expand("errors in {{ $labels.app }}"));
        assertEquals("web/api", expand("{{ .Labels.app }}/{{ $labels.job }}"));
        assertEquals("1234.5678", expand("{{ $value }}"));
        assertEquals("eu-1 http://grafana:3000", expand("{{ $externalLabels.cluster }} {{ $externalURL }}"));
        assertEquals("", expand("{{ $labels.missing }}"));
        assertEquals("no templates here", expand("no templates here"));
    }

    @Test
    void humanizeFunctionsMatchPrometheus() {
        assertEquals("1.235k", expand("{{ $value | humanize }}"));
        assertEquals("1.206ki", expand("{{ humanize1024 $value }}"));
        assertEquals("20m 34s", expand("{{ $value | humanizeDuration }}"));
        assertEquals("1.235e+05%", expand("{{ humanizePercentage $value }}"));
        assertEquals("12.34%", expand("{{ humanizePercentage 0.1234 }}"));
        assertEquals("0.5", GoFloats.formatFloat(0.5));
        assertEquals("500m", TemplateFunctions.humanize(0.5));
        assertEquals("0", TemplateFunctions.humanize(0));
        assertEquals("1M", TemplateFunctions.humanize(1_000_000));
        assertEquals("2.5ms", TemplateFunctions.humanizeDuration(0.0025));
        assertEquals("1d 1h 1m 1s", TemplateFunctions.humanizeDuration(90061));
        assertEquals("1e+06", GoFloats.formatFloat(1_000_000));
        assertEquals("123456", GoFloats.formatFloat(123456));
    }

    @Test
    void printfAndStringFunctions() {
        assertEquals("1234.57", expand("{{ printf \"%.2f\" $value }}"));
        assertEquals("WEB api", expand("{{ toUpper $labels.app }} {{ $labels.job | toLower }}"));
        assertEquals("Hello World", expand("{{ title \"hello world\" }}"));
        assertEquals("x-eb", expand("{{ reReplaceAll \"^w\" \"x-\" $labels.app }}"));
        assertEquals("  web|", expand("{{ printf \"%5s|\" $labels.app }}"));
        assertEquals("\"web\" 7", expand("{{ printf \"%q %d\" $labels.app 7 }}"));
        assertEquals("1.234568e+03", expand("{{ printf \"%e\" $value }}"));
        assertEquals("host", expand("{{ \"host:9090\" | stripPort }}"));
    }

    @Test
    void controlFlow() {
        assertEquals("big", expand("{{ if gt $value 1000.0 }}big{{ else }}small{{ end }}"));
        assertEquals("web", expand("{{ if eq $labels.app \"api\" }}api{{ else if eq $labels.app \"web\" }}web{{ end }}"));
        assertEquals("app=web job=api ", expand("{{ range $k, $v := $labels }}{{ $k }}={{ $v }} {{ end }}"));
        assertEquals("web", expand("{{ with $labels.app }}{{ . }}{{ end }}"));
        assertEquals("a-b", expand("a {{- \"-\" -}} b"));
        assertEquals("web!", expand("{{ $x := $labels.app }}{{ $x }}{{/* comment */}}!"));
        assertEquals("1.235k", expand("{{ (humanize $value) }}"));
    }

    @Test
    void expansionErrorsBecomeTheText() {
        String out = expand("{{ index $value \"x\" }}");
        assertTrue(out.startsWith("<error expanding template: "), out);
    }

    @Test
    void expansionErrorsReadLikePrometheus() {
        assertEquals("<error expanding template: template: __alert_T:1:3: executing \"__alert_T\" at <.Nope>: "
                + "can't evaluate field Nope in type struct { Labels map[string]string; ExternalLabels "
                + "map[string]string; ExternalURL string; Value interface {} }>", expand("{{ .Nope }}"));
        assertEquals("<error expanding template: template: __alert_T:1:3: executing \"__alert_T\" at <query \"up\">: "
                + "error calling query: not supported by the Loki ruler>", expand("{{ query \"up\" }}"));
        assertEquals("<error expanding template: template: __alert_T:1:3: executing \"__alert_T\" at <gt $value 1000>: "
                + "error calling gt: incompatible types for comparison>", expand("{{ gt $value 1000 }}"));
        assertTrue(expand("{{ range 2000000 }}xy{{ end }}").endsWith("output of template __alert_T too large>"));
    }

    @Test
    void goBuiltinsAreTheSharedOnes() {
        assertEquals("|web|", expand("|{{ index $labels \"app\" }}{{ index $labels \"missing\" }}|"));
        assertEquals("a &lt;b&gt; 3 0 1 2", expand("{{ html \"a <b>\" }} {{ len \"web\" }}{{ range 3 }} {{ . }}{{ end }}"));
        assertEquals("map[app:web job:api] 1234.5678 true", expand("{{ $labels }} {{ .Value }} {{ and 1 true }}"));
        assertEquals("%!d(float64=1234.5678) 1.2346E+03", expand("{{ printf \"%d %.4E\" $value $value }}"));
    }

    @Test
    void parseErrorsAreReported() {
        assertNull(AlertTemplate.parseError("__alert_T", "{{ $labels.app }}"));
        assertNotNull(AlertTemplate.parseError("__alert_T", "{{ $labels.app "));
        String err = AlertTemplate.parseError("__alert_T", "{{ nosuchfn 1 }}");
        assertEquals("template: __alert_T:1: function \"nosuchfn\" not defined", err);
        assertNotNull(AlertTemplate.parseError("__alert_T", "{{ if true }}x"));
        assertNotNull(AlertTemplate.parseError("__alert_T", "{{ end }}"));
    }

    @Test
    void durationsRoundTripPrometheusSyntax() {
        assertEquals(Duration.ofMinutes(90), PrometheusDuration.parse("1h30m"));
        assertEquals("1h30m", PrometheusDuration.formatPrometheus(Duration.ofMinutes(90)));
        assertEquals("0s", PrometheusDuration.formatPrometheus(Duration.ZERO));
        assertEquals(Duration.ZERO, PrometheusDuration.parse("0"));
        assertEquals(Duration.ofMillis(1500), PrometheusDuration.parse("1s500ms"));
        for (String bad : new String[] {"", "5", "1m1h", "abc", "-1m"}) {
            try {
                PrometheusDuration.parse(bad);
                throw new AssertionError("accepted " + bad);
            } catch (IllegalArgumentException e) {
                // Prometheus' model.ParseDuration: "" is "empty duration string", the rest "not a valid duration string"
                assertTrue(e.getMessage().contains(bad.isEmpty() ? "empty duration string" : "not a valid duration string"),
                        e.getMessage());
            }
        }
    }

    @Test
    void goNumberFormats() {
        assertEquals("1e+00", GoFloats.shortestE(1));
        assertEquals("3.5e+01", GoFloats.shortestE(35));
        assertEquals("1.5e-07", GoFloats.shortestE(1.5e-7));
        assertEquals("NaN", GoFloats.shortestE(Double.NaN));
        assertEquals("+Inf", GoFloats.shortestE(Double.POSITIVE_INFINITY));
        assertEquals("1234", GoFloats.g(1234.5, 4)); // exact tie: half to even, as Go
        assertEquals("1235", GoFloats.g(1234.56, 4));
        assertEquals("1.234e+04", GoFloats.g(12345, 4));
        assertEquals("1.235e+04", GoFloats.g(12346, 4));
        assertEquals("0.0001234", GoFloats.g(0.00012345, 4)); // binary value is below the tie
        assertEquals("60", RuleStatusJson.goFloat(60));
        assertEquals("0.0123", RuleStatusJson.goFloat(0.0123));
        assertEquals("1e-7", RuleStatusJson.goFloat(1e-7));
        assertEquals("2026-11-21T21:10:00.12Z", RuleStatusJson.rfc3339Nano(1795295400120L));
        assertEquals("0001-01-01T00:00:00Z", RuleStatusJson.rfc3339Nano(0));
    }
}
