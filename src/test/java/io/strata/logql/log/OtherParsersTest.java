package io.strata.logql.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.strata.model.Labels;
import io.strata.model.StrataException;
import org.junit.jupiter.api.Test;

/** regexp, pattern, unpack, decolorize: LOGQL.md §3.5, cases Q10, Q15, Q16, Q27. */
class OtherParsersTest {
    static final Labels WEB = Labels.of("app", "web", "env", "dev");
    static final String C5 = "GET /index.html 200 from 192.168.1.10";
    static final String C45 = "POST /login 401 from 10.0.0.7";
    static final String C55 = "\u001b[31mERROR\u001b[0m GET /index.html 500 from 192.168.1.11";

    @Test
    void q15PatternCaptureBoundaries() {
        PatternParserStage p = new PatternParserStage("<method> <path> <code> from <ip>");
        Run r55 = Run.of(WEB, C55, p);
        assertEquals("\u001b[31mERROR\u001b[0m", r55.label("method"));
        assertEquals("GET", r55.label("path"));
        assertEquals("/index.html 500", r55.label("code"));
        assertEquals("192.168.1.11", r55.label("ip"));
        assertEquals("{app=\"web\", code=\"200\", env=\"dev\", ip=\"192.168.1.10\", method=\"GET\", path=\"/index.html\"}",
                Run.of(WEB, C5, p).labels().toString());
        assertEquals("{app=\"web\", code=\"401\", env=\"dev\", ip=\"10.0.0.7\", method=\"POST\", path=\"/login\"}",
                Run.of(WEB, C45, p).labels().toString());
    }

    @Test
    void patternRules() {
        assertEquals(WEB, Run.of(WEB, "x GET", new PatternParserStage("GET <a>")).labels(), "leading literal pins the start");
        Run partial = Run.of(WEB, "a b", new PatternParserStage("<x> <y>-<z>"));
        assertEquals("a", partial.label("x"));
        assertEquals("b", partial.label("y"));
        assertEquals(null, partial.label("z"));
        assertEquals("", Run.of(WEB, "k=", new PatternParserStage("k=<v>")).label("v"));
        assertEquals("web", Run.of(WEB, "x", new PatternParserStage("<app>")).label("app"));
        assertEquals("x", Run.of(WEB, "x", new PatternParserStage("<app>")).label("app_extracted"));
        assertThrows(StrataException.class, () -> new PatternParserStage("<_> x"));
        assertThrows(StrataException.class, () -> new PatternParserStage("<a><b>"));
        assertThrows(StrataException.class, () -> new PatternParserStage("<a> <a>"));
        assertEquals("1", Run.of(WEB, "<1> 1", new PatternParserStage("<1> <n>")).label("n"), "<1> is literal");
    }

    @Test
    void q16RegexpOptionalGroup() {
        RegexpParserStage r = new RegexpParserStage("(?P<verb>POST)?.*from (?P<ip>\\S+)");
        assertEquals("{app=\"web\", env=\"dev\", ip=\"10.0.0.7\", verb=\"POST\"}", Run.of(WEB, C45, r).labels().toString());
        assertEquals("{app=\"web\", env=\"dev\", ip=\"192.168.1.10\", verb=\"\"}", Run.of(WEB, C5, r).labels().toString());
        assertEquals(WEB, Run.of(WEB, "nothing", r).labels());
        StrataException e = assertThrows(StrataException.class, () -> new RegexpParserStage("(a)"));
        assertEquals("at least one named capture must be supplied", e.getMessage());
    }

    @Test
    void q10Unpack() {
        Run r = Run.of(Labels.of("app", "packed", "env", "prod"),
                "{\"_entry\":\"level=info msg=hello\",\"team\":\"core\",\"env\":\"staging\",\"n\":1}", new UnpackStage());
        assertEquals("{app=\"packed\", env=\"prod\", env_extracted=\"staging\", team=\"core\"}", r.labels().toString());
        assertEquals("level=info msg=hello", r.line());
        Run none = Run.of(JsonParserTest.B, JsonParserTest.B15, new UnpackStage());
        assertEquals(JsonParserTest.B, none.labels());
        assertEquals(JsonParserTest.B15, none.line());
        assertEquals("JSONParserErr", Run.of(WEB, "text", new UnpackStage()).label("__error__"));
    }

    @Test
    void q27DecolorizeChangesByteLength() {
        Run r = Run.of(WEB, C55, new DecolorizeStage());
        assertEquals("ERROR GET /index.html 500 from 192.168.1.11", r.line());
        assertEquals(52, C55.length());
        assertEquals(43, r.line().length());
        assertEquals(C5, Run.of(WEB, C5, new DecolorizeStage()).line());
    }
}
