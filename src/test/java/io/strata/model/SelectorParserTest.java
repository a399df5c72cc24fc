package io.strata.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class SelectorParserTest {
    private static String labelsError(String text) {
        return assertThrows(StrataException.class, () -> SelectorParser.parseLabels(text)).getMessage();
    }

    private static String selectorError(String text) {
        return assertThrows(StrataException.class, () -> SelectorParser.parseSelector(text)).getMessage();
    }

    @Test
    void parsesLabelSetsWithAllQuoteKindsAndEscapes() {
        assertEquals(List.of(new Label("job", "x"), new Label("app", "y")),
                SelectorParser.parseLabels("{job=\"x\", app=\"y\"}"));
        assertEquals(List.of(new Label("a", "b\"c\n\t\\é"), new Label("d", "raw\\n"), new Label("e", "s")),
                SelectorParser.parseLabels("{a=\"b\\\"c\\n\\t\\\\\\u00e9\", d=`raw\\n`, e='s',}"));
        assertEquals(List.of(new Label("x", "\u00ff\u0041")), SelectorParser.parseLabels("{x=\"\\xff\\101\"}"));
        assertEquals(List.of(), SelectorParser.parseLabels("{}"));
        assertEquals(List.of(new Label("__name__", "up"), new Label("job", "a")),
                SelectorParser.parseLabels("up{job=\"a\"}"));
        assertEquals(List.of(new Label("a", "1"), new Label("a", "2")), SelectorParser.parseLabels("{a=\"1\",a=\"2\"}"));
    }

    @Test
    void labelErrorsUsePrometheusShape() {
        assertEquals("1:5: parse error: unexpected character inside braces: '-'", labelsError("{app-name=\"x\"}"));
        assertEquals("1:7: parse error: unexpected end of input inside braces", labelsError("{a=\"b\""));
        assertEquals("1:4: parse error: unexpected identifier \"b\" in label set, expected string", labelsError("{a=b}"));
        assertEquals("1:8: parse error: unexpected identifier \"c\" in label set, expected \",\" or \"}\"",
                labelsError("{a=\"b\" c=\"d\"}"));
        assertEquals("1:4: parse error: unterminated quoted string", labelsError("{a=\"b}"));
        assertEquals("1:7: parse error: unknown escape sequence U+0071 'q'", labelsError("{a=\"b\\q\"}"));
        assertEquals("1:1: parse error: unexpected end of input", labelsError(""));
    }

    @Test
    void parsesSelectorsIntoMatchers() {
        List<Matcher> m = SelectorParser.parseSelector("{app=~\"a|b\", env!=\"dev\", x!~`y.*`, job=\"j\"}");
        assertEquals(List.of(Matcher.of(MatchType.REGEX, "app", "a|b"), Matcher.of(MatchType.NOT_EQUAL, "env", "dev"),
                Matcher.of(MatchType.NOT_REGEX, "x", "y.*"), Matcher.equal("job", "j")), m);
    }

    @Test
    void selectorErrorsUseLogqlShape() {
        assertEquals("parse error at line 1, col 9: syntax error: unexpected $end, expecting } or ,",
                selectorError("{foo=\"a\""));
        assertEquals("parse error at line 1, col 2: syntax error: unexpected }, expecting IDENTIFIER", selectorError("{}"));
        assertEquals("parse error at line 1, col 6: syntax error: unexpected }, expecting STRING", selectorError("{app=}"));
        assertEquals("parse error at line 1, col 1: syntax error: unexpected $end", selectorError(""));
        org.junit.jupiter.api.Assertions.assertTrue(selectorError("{app=~\"(a\"}")
                .startsWith("parse error at line 1, col 7: error parsing regexp: "));
    }
}
