package io.strata.ruler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class GrafanaLinkTest {
    @Test
    void exploreLinkIsGoJsonThenQueryEscaped() {
        String json = "{\"queries\":[{\"expr\":\"sum(rate({app=\\\"a\\u003cb\\u003e\\u0026\\\"}[1m])) \\n\","
                + "\"queryType\":\"range\",\"datasource\":{\"type\":\"loki\",\"uid\":\"u-1\"}}]}";
        assertEquals("http://g/explore?left=" + URLEncoder.encode(json, StandardCharsets.UTF_8),
                GrafanaLink.forExpression("http://g", "sum(rate({app=\"a<b>&\"}[1m])) \n", "u-1"));
        assertEquals("http://g/explore?left=" + URLEncoder.encode(
                "{\"queries\":[{\"expr\":\"x\",\"queryType\":\"range\"}]}", StandardCharsets.UTF_8),
                GrafanaLink.forExpression("http://g", "x", ""));
        assertEquals("a-_.~%2A+%C3%A9", GrafanaLink.queryEscape("a-_.~* é"));
    }
}
