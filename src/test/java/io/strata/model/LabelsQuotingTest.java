package io.strata.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LabelsQuotingTest {
    private static String quoted(String s, Labels.Quoting quoting) {
        StringBuilder sb = new StringBuilder();
        Labels.appendQuoted(sb, s, quoting);
        return sb.toString();
    }

    @Test
    void goQuoteEscapesLikeStrconv() {
        assertEquals("\"a\\\"b\\\\c\\n\\t\\a\\x01\\x7f é\"", Labels.quote("a\"b\\c\n\t\u0007\u0001\u007f é"));
    }

    @Test
    void yamlQuotingEscapesWhatYamlWouldFold() {
        assertEquals("\"a<&\\\"\\n\\u0001\\u007f\\u0085\\u2028\\ufeff\"",
                quoted("a<&\"\n\u0001\u007f\u0085\u2028\ufeff", Labels.Quoting.YAML));
    }

    @Test
    void jsonQuotingPlainAndHtmlSafe() {
        String s = "{app=\"a<b>&c\"}\\\n\r\t\u0001\u2028";
        assertEquals("\"{app=\\\"a<b>&c\\\"}\\\\\\n\\r\\t\\u0001\u2028\"", quoted(s, Labels.Quoting.JSON));
        assertEquals("\"{app=\\\"a\\u003cb\\u003e\\u0026c\\\"}\\\\\\n\\r\\t\\u0001\\u2028\"", quoted(s, Labels.Quoting.JSON_HTML_SAFE));
    }
}
