package io.strata.logql.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.model.Labels;
import io.strata.model.StrataException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** LOGQL.md §3.7, cases Q14 and Q20, plus the function table. */
class TemplateTest {
    static final Labels CNT = Labels.of("app", "cnt", "env", "prod");

    private static String fmt(String template, String... nameValues) {
        Labels l = Labels.of(nameValues);
        Run r = Run.of(l, "the line", new LineFormatStage(template));
        if (r.label("__error__") != null) {
            return "ERR " + r.label("__error_details__");
        }
        return r.line();
    }

    @Test
    void q20DivisionByZeroKeepsLineAndSetsTemplateFormatErr() {
        Run r = Run.of(CNT, "c=20", new LogfmtParserStage(false, false), new LineFormatStage("{{ div .c 0 }}"));
        assertEquals("c=20", r.line());
        assertEquals("{__error__=\"TemplateFormatErr\", __error_details__=\"template: line:1:3: executing \\\"line\\\" at <div .c 0>: error calling div: runtime error: integer divide by zero\", app=\"cnt\", c=\"20\", env=\"prod\"}",
                r.labels().toString());
    }

    @Test
    void q20PrintfIfDefaultAdd() {
        Run r = Run.of(CNT, "c=20", new LogfmtParserStage(false, false), new LineFormatStage(
                "{{ .c | printf \"%05s\" }} {{ if gt (int .c) 10 }}big{{ else }}small{{ end }} {{ default \"-\" .nope }} {{ add .c 1 }}"));
        assertEquals("00020 big - 21", r.line());
    }

    @Test
    void q14LabelFormatRenameAndSnapshot() {
        Labels a = LabelFilterTest.A;
        LabelFormatStage stage = new LabelFormatStage(List.of(LabelFormatStage.Format.rename("verb", "method"),
                LabelFormatStage.Format.template("lvl", "{{.level | ToUpper}}-{{.status}}"),
                LabelFormatStage.Format.template("st", "{{.method}}")));
        Run r = Run.of(a, LabelFilterTest.A_LINES[1], new LogfmtParserStage(false, false), stage);
        assertEquals("{app=\"api\", env=\"prod\", latency=\"1.5s\", level=\"error\", lvl=\"ERROR-500\", path=\"/orders\", pod=\"a\", size=\"3KB\", st=\"\", status=\"500\", verb=\"POST\"}",
                r.labels().toString());
        LabelFormatStage snap = new LabelFormatStage(List.of(LabelFormatStage.Format.template("a", "{{.level}}"),
                LabelFormatStage.Format.template("b", "{{.a}}-x")));
        Run s = Run.of(a, LabelFilterTest.A_LINES[1], new LogfmtParserStage(false, false), snap);
        assertEquals("error", s.label("a"));
        assertEquals("-x", s.label("b"));
        Run over = Run.of(a, LabelFilterTest.A_LINES[1], new LogfmtParserStage(false, false),
                new LabelFormatStage(List.of(LabelFormatStage.Format.rename("pod", "level"))));
        assertEquals("error", over.label("pod"));
    }

    @Test
    void labelFormatValidation() {
        StrataException dup = assertThrows(StrataException.class, () -> new LabelFormatStage(List.of(
                LabelFormatStage.Format.rename("a", "b"), LabelFormatStage.Format.template("a", "x"))));
        assertEquals("multiple label name 'a' not allowed in a single format operation", dup.getMessage());
        StrataException err = assertThrows(StrataException.class, () -> new LabelFormatStage(List.of(
                LabelFormatStage.Format.template("__error__", "x"))));
        assertEquals("__error__ cannot be formatted", err.getMessage());
    }

    @Test
    void parseErrorsAreQueryErrors() {
        StrataException e = assertThrows(StrataException.class, () -> new LineFormatStage("{{ nope .a }}"));
        assertEquals("invalid line template: template: line:1: function \"nope\" not defined", e.getMessage());
        assertThrows(StrataException.class, () -> new LineFormatStage("{{ .a "));
        assertThrows(StrataException.class, () -> new LineFormatStage("{{ if .a }}x"));
        assertThrows(StrataException.class, () -> new LineFormatStage("{{ end }}"));
    }

    @Test
    void goValueRulesOfTheSharedEngine() {
        assertEquals("|web|", fmt("|{{ index . \"missing\" }}{{ index . \"app\" }}|", "app", "web"));
        assertEquals("map[string]string float64 int", fmt("{{ printf \"%T %T %T\" . 1e3 7 }}", "app", "web"));
        assertEquals("1.12e+00 1E+06 1e+06 2.50", fmt("{{ printf \"%.2e %G %v %.2f\" 1.125 1e6 1e6 2.5 }}"));
        assertEquals("012", fmt("{{ range 3 }}{{ . }}{{ end }}"));
        assertEquals("0123", fmt("{{ range 100000000000 }}{{ if eq . 4 }}{{ break }}{{ end }}{{ . }}{{ end }}"));
    }

    @Test
    void actionsAndControlFlow() {
        assertEquals("a-b", fmt("{{.x}}-{{.y}}", "x", "a", "y", "b"));
        assertEquals("", fmt("{{.missing}}", "x", "a"));
        assertEquals("x= a|", fmt("x={{- \" \" -}} {{.x}} {{- \"|\" }}", "x", "a"));
        assertEquals("two", fmt("{{ if eq .x \"1\" }}one{{ else if eq .x \"2\" }}two{{ else }}many{{ end }}", "x", "2"));
        assertEquals("many", fmt("{{ if eq .x \"1\" }}one{{ else if eq .x \"2\" }}two{{ else }}many{{ end }}", "x", "3"));
        assertEquals("A", fmt("{{ with .x }}{{ . | upper }}{{ else }}none{{ end }}", "x", "a"));
        assertEquals("none", fmt("{{ with .nope }}{{ . }}{{ else }}none{{ end }}", "x", "a"));
        assertEquals("v=a", fmt("{{ $v := .x }}v={{ $v }}", "x", "a"));
        assertEquals("0:a 1:b ", fmt("{{ range $i, $e := fromJson .j }}{{ $i }}:{{ $e }} {{ end }}", "j", "[\"a\",\"b\"]"));
        assertEquals("ab", fmt("{{ range $k, $v := fromJson .j }}{{ $k }}{{ end }}", "j", "{\"b\":1,\"a\":2}"));
        assertEquals("ok", fmt("{{/* comment */}}ok"));
        assertEquals("true false true", fmt("{{ and 1 .x }} {{ not .x }} {{ or .nope .x }}", "x", "y").replace("y", "true"));
        assertEquals("3", fmt("{{ len .x }}", "x", "abc"));
        assertEquals("the line", fmt("{{ __line__ }}"));
        assertTrue(fmt("{{ __timestamp__ }}").startsWith("2023-11-14 22:13:20 +0000 UTC"), fmt("{{ __timestamp__ }}"));
        assertEquals("1700000000000", fmt("{{ __timestamp__ | unixEpochMillis }}"));
    }

    @Test
    void stringFunctions() {
        assertEquals("hello", fmt("{{ ToLower \"HeLLo\" }}"));
        assertEquals("a-b-c", fmt("{{ Replace .x \" \" \"-\" -1 }}", "x", "a b c"));
        assertEquals("a-b c", fmt("{{ Replace .x \" \" \"-\" 1 }}", "x", "a b c"));
        assertEquals("bc", fmt("{{ Trim .x \"a\" }}", "x", "abca"));
        assertEquals("bca", fmt("{{ TrimLeft .x \"a\" }}", "x", "abca"));
        assertEquals("x", fmt("{{ TrimPrefix .x \"pre\" }}", "x", "prex"));
        assertEquals("x", fmt("{{ trimPrefix \"pre\" .x }}", "x", "prex"));
        assertEquals("x", fmt("{{ TrimSpace .x }}", "x", "  x \n"));
        assertEquals("Hello World", fmt("{{ title .x }}", "x", "hello world"));
        assertEquals("hel", fmt("{{ trunc 3 .x }}", "x", "hello"));
        assertEquals("llo", fmt("{{ trunc -3 .x }}", "x", "hello"));
        assertEquals("el", fmt("{{ substr 1 3 .x }}", "x", "hello"));
        assertEquals("true false", fmt("{{ contains \"ell\" .x }} {{ hasPrefix \"x\" .x }}", "x", "hello"));
        assertEquals("  a\n  b", fmt("{{ indent 2 .x }}", "x", "a\nb"));
        assertEquals("\n  a", fmt("{{ nindent 2 .x }}", "x", "a"));
        assertEquals("abab", fmt("{{ repeat 2 .x }}", "x", "ab"));
        assertEquals("x-y", fmt("{{ replace \"_\" \"-\" .x }}", "x", "x_y"));
        assertEquals("a**", fmt("{{ regexReplaceAll \"(b+)\" .x \"**\" }}", "x", "abbb"));
        assertEquals("a-bbb-", fmt("{{ regexReplaceAll \"(b+)\" .x \"-$1-\" }}", "x", "abbb"));
        assertEquals("a$1", fmt("{{ regexReplaceAllLiteral \"b+\" .x \"$1\" }}", "x", "abbb"));
        assertEquals("2", fmt("{{ count \"a\" .x }}", "x", "banana".substring(0, 4)));
        assertEquals("a+b%2Fc", fmt("{{ urlencode .x }}", "x", "a b/c"));
        assertEquals("a b/c", fmt("{{ urldecode .x }}", "x", "a+b%2Fc"));
        assertEquals("aGk=", fmt("{{ b64enc .x }}", "x", "hi"));
        assertEquals("hi", fmt("{{ b64dec .x }}", "x", "aGk"));
        assertEquals("ab   |   ab|abc", fmt("{{ alignLeft 5 .x }}|{{ alignRight 5 .x }}|{{ alignLeft 3 .y }}", "x", "ab", "y", "abcdef"));
    }

    @Test
    void numberFunctions() {
        assertEquals("7 3 10 2 1 5 2", fmt("{{ add 5 2 }} {{ sub 5 2 }} {{ mul 5 2 }} {{ div 5 2 }} {{ mod 5 2 }} {{ max 1 5 2 }} {{ min 3 2 }}"));
        assertEquals("0.3 2.5 3 1.5", fmt("{{ addf 0.1 0.2 }} {{ divf 5 2 }} {{ mulf 1.5 2 }} {{ subf 2 0.5 }}"));
        assertEquals("2 1 1.24 4", fmt("{{ ceil 1.2 }} {{ floor 1.8 }} {{ round 1.236 2 }} {{ int \"4.0\" }}"));
        assertEquals("1.5 1536 0.25", fmt("{{ duration .d }} {{ bytes .b }} {{ float64 .f }}", "d", "1.5s", "b", "1.5KiB", "f", "0.25"));
        assertEquals("1e+06", fmt("{{ float64 \"1000000\" }}"));
        assertTrue(fmt("{{ duration .d }}", "d", "fast").startsWith("ERR template: line:1:3: executing \"line\" at <duration .d>: error calling duration: time: invalid duration"));
    }

    @Test
    void printfVerbs() {
        assertEquals("x=  5|5    |0005|%!d(string=a)|3.14|\"q\"", fmt("{{ printf \"x=%3d|%-5d|%04d|%d|%.2f|%q\" 5 5 5 .a 3.14159 \"q\" }}", "a", "a"));
        assertEquals("ab", fmt("{{ print \"a\" \"b\" }}"));
        assertEquals("1 2", fmt("{{ print 1 2 }}"));
    }

    @Test
    void timeFunctions() {
        assertEquals("2023-01-15", fmt("{{ toDate \"2006-01-02\" .d | date \"2006-01-02\" }}", "d", "2023-01-15"));
        assertEquals("1673740800", fmt("{{ (toDate \"2006-01-02\" .d) | unixEpoch }}", "d", "2023-01-15"));
        assertEquals("2023-01-15T14:00:00+01:00", fmt("{{ (toDateInZone \"2006-01-02 15:04\" \"Europe/Paris\" .d) | date \"2006-01-02T15:04:05Z07:00\" }}", "d", "2023-01-15 14:00"));
        assertEquals("1673798889000", fmt("{{ unixToTime .e | unixEpochMillis }}", "e", "1673798889"));
        assertEquals("Jan 15 14:08:09.902", fmt("{{ unixToTime .e | date \"Jan _2 15:04:05.000\" }}", "e", "1673791689902"));
    }

    @Test
    void executionErrorsNameTheCommand() {
        assertEquals("ERR template: line:1:2: executing \"line\" at <.x.y>: can't evaluate field y in type string",
                fmt("{{.x.y}}", "x", "a"));
        assertTrue(fmt("{{ lt .x 1 }}", "x", "a").contains("incompatible types for comparison"));
        assertTrue(fmt("{{ trunc .x .x }}", "x", "a").contains("wrong type for value; expected int; got string"));
    }
}
