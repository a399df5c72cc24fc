package io.strata.tenant.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.model.ErrorCategory;
import io.strata.model.Labels;
import io.strata.model.MatchType;
import io.strata.model.StrataException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SelectorParserTest {
    @Test
    void parsesAllOperatorsAndQuoting() {
        StreamSelector s = SelectorParser.parse(" { app = \"web\" , env=~`staging|prod`, team!=\"a\\\"b\", x!~\"\\\\d+\", } ");
        assertEquals(4, s.matchers().size());
        assertEquals(MatchType.EQUAL, s.matchers().get(0).type());
        assertEquals("staging|prod", s.matchers().get(1).value());
        assertEquals(MatchType.REGEX, s.matchers().get(1).type());
        assertEquals("a\"b", s.matchers().get(2).value());
        assertEquals(MatchType.NOT_EQUAL, s.matchers().get(2).type());
        assertEquals("\\d+", s.matchers().get(3).value());
        assertEquals(MatchType.NOT_REGEX, s.matchers().get(3).type());
    }

    @Test
    void goEscapesDecode() {
        StreamSelector s = SelectorParser.parse("{a=\"\\x41\\u00e9\\101\\n\\t\"}");
        assertEquals("A\u00e9A\n\t", s.matchers().get(0).value());
    }

    @Test
    void printedFormReparsesToTheSameSelector() {
        StreamSelector s = SelectorParser.parse("{app=\"we\\\"b\", env=~\"a|b\"}");
        assertEquals(s, SelectorParser.parse(s.toString()));
    }

    @Test
    void regexesAreAnchored() {
        StreamSelector s = SelectorParser.parse("{env=~\"staging|prod\"}");
        assertTrue(s.matches(Labels.of("env", "prod")));
        assertFalse(s.matches(Labels.of("env", "production")));
        assertFalse(s.matches(Labels.of("env", "preprod")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{}", "  {  } ", "app=\"x\"", "{app=\"x\"", "{app=\"x\"} extra", "{app}", "{app=x}",
            "{1app=\"x\"}", "{app==\"x\"}", "{app=\"unterminated}", "{app=~\"(\"}", "{a=\"\\q\"}", "{a=\"x\" b=\"y\"}",
            "{a=`x}", "{a=\"\\xZZ\"}", "{a=\"\\uD800\"}", "{app=\"x\"}{b=\"y\"}"})
    void rejectsMalformedSelectorsWithBadRequest(String text) {
        StrataException e = assertThrows(StrataException.class, () -> SelectorParser.parse(text));
        assertEquals(ErrorCategory.BAD_REQUEST, e.category());
        assertTrue(e.getMessage().startsWith("invalid stream selector"), e.getMessage());
    }

    @Test
    void rejectsOverlongSelector() {
        String text = "{a=\"" + "x".repeat(SelectorParser.MAX_LENGTH) + "\"}";
        StrataException e = assertThrows(StrataException.class, () -> SelectorParser.parse(text));
        assertTrue(e.getMessage().contains("longer than"));
    }

    @Test
    void errorsCarryTheColumn() {
        StrataException e = assertThrows(StrataException.class, () -> SelectorParser.parse("{app=x}"));
        assertTrue(e.getMessage().endsWith("at col 6"), e.getMessage());
    }
}
