package io.strata.logql.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.logql.log.LineFilterStage.Operand;
import io.strata.model.StrataException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LineFilterTest {
    private static final String C5 = "GET /index.html 200 from 192.168.1.10";
    private static final String C45 = "POST /login 401 from 10.0.0.7";
    private static final String C55 = "\u001b[31mERROR\u001b[0m GET /index.html 500 from 192.168.1.11";

    private static boolean keep(LineFilterOp op, List<Operand> operands, String line) {
        return LineFilterStage.filter(op, operands).matches(new Line(line));
    }

    private static boolean keep(LineFilterOp op, String operand, String line) {
        return keep(op, List.of(Operand.of(operand)), line);
    }

    @Test
    void containsAndNotContains() {
        assertTrue(keep(LineFilterOp.CONTAINS, "login", C45));
        assertFalse(keep(LineFilterOp.CONTAINS, "login", C5));
        assertFalse(keep(LineFilterOp.NOT_CONTAINS, "login", C45));
        assertTrue(keep(LineFilterOp.NOT_CONTAINS, "login", C5));
        assertTrue(keep(LineFilterOp.CONTAINS, "", C5), "|= \"\" keeps everything");
        assertFalse(keep(LineFilterOp.NOT_CONTAINS, "", C5), "!= \"\" drops everything");
        assertFalse(keep(LineFilterOp.CONTAINS, "Login", C45), "case-sensitive");
    }

    @Test
    void byteSearcherAgreesWithStringIndexOf() {
        Random r = new Random(42);
        String alphabet = "abcAB =\"é0";
        for (int iter = 0; iter < 20000; iter++) {
            String h = random(r, alphabet, r.nextInt(40));
            String n = random(r, alphabet, 1 + r.nextInt(4));
            byte[] hb = ("xx" + h).getBytes(StandardCharsets.UTF_8);
            byte[] nb = n.getBytes(StandardCharsets.UTF_8);
            int expected = indexOf(hb, 2, nb);
            assertEquals(expected, new ByteSearcher(nb, false).indexOf(hb, 2, hb.length - 2), h + " / " + n);
            boolean ci = ("xx" + h).toLowerCase().substring(2).contains(n.toLowerCase());
            if (n.chars().allMatch(c -> c < 128) && h.chars().allMatch(c -> c < 128)) {
                assertEquals(ci, new ByteSearcher(nb, true).contains(hb, 2, hb.length - 2), "ci " + h + " / " + n);
            }
        }
    }

    private static int indexOf(byte[] h, int off, byte[] n) {
        outer:
        for (int i = off; i + n.length <= h.length; i++) {
            for (int k = 0; k < n.length; k++) {
                if (h[i + k] != n[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static String random(Random r, String alphabet, int len) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < len; i++) {
            sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    @Test
    void regexIsUnanchoredAndDotDoesNotMatchNewline() {
        assertTrue(keep(LineFilterOp.REGEX, "log.n", C45));
        assertFalse(keep(LineFilterOp.REGEX, "a.b", "a\nb"));
        assertTrue(keep(LineFilterOp.REGEX, "(?s)a.b", "a\nb"));
        assertFalse(keep(LineFilterOp.REGEX, "^b", "a\nb"));
        assertTrue(keep(LineFilterOp.REGEX, "(?m)^b", "a\nb"));
        assertFalse(keep(LineFilterOp.NOT_REGEX, "\\d{3}", C45));
    }

    @Test
    void simpleRegexesBecomeSubstringChecks() {
        assertInstanceOf(ContainsFilter.class, RegexLineFilter.of("error"));
        assertInstanceOf(ContainsFilter.class, RegexLineFilter.of(".*error.*"));
        assertInstanceOf(ContainsFilter.class, RegexLineFilter.of("(?i)error"));
        assertInstanceOf(AnyOfFilter.class, RegexLineFilter.of("error|warn"));
        assertInstanceOf(AnyOfFilter.class, RegexLineFilter.of("(?:error|warn)"));
        assertInstanceOf(RegexLineFilter.class, RegexLineFilter.of("err.r"));
        assertInstanceOf(RegexLineFilter.class, RegexLineFilter.of("^error"));
        // equivalence with RE2 on a set of lines
        String[] regexes = {"error", ".*error.*", "(?i)ErRoR", "error|warn", "(error|WARN)", "a\\.b", ".*", "x|", "(?i)a|b"};
        String[] lines = {"", "error", "ERROR here", "a warn", "a.b", "axb", "WARN", "x", "B"};
        for (String re : regexes) {
            LineFilter fast = RegexLineFilter.of(re);
            LineFilter slow = RegexLineFilter.unsimplified(re);
            for (String l : lines) {
                assertEquals(slow.matches(new Line(l)), fast.matches(new Line(l)), re + " on " + l);
            }
        }
    }

    @Test
    void invalidRegexIsAParseError() {
        StrataException e = assertThrows(StrataException.class, () -> RegexLineFilter.of("a("));
        assertTrue(e.getMessage().startsWith("error parsing regexp: "), e.getMessage());
    }

    @Test
    void orChainsMatchAnyForPositiveAndNoneForNegative() {
        List<Operand> ops = List.of(Operand.of("login"), Operand.of("index"));
        assertTrue(keep(LineFilterOp.CONTAINS, ops, C5));
        assertTrue(keep(LineFilterOp.CONTAINS, ops, C45));
        assertFalse(keep(LineFilterOp.CONTAINS, ops, "other"));
        assertFalse(keep(LineFilterOp.NOT_CONTAINS, ops, C5));
        assertTrue(keep(LineFilterOp.NOT_CONTAINS, ops, "other"));
        assertTrue(keep(LineFilterOp.REGEX, List.of(Operand.of("x+y"), Operand.of("lo.in")), C45));
    }

    @Test
    void patternFilter() {
        assertTrue(keep(LineFilterOp.PATTERN, "<_> /login <_>", C45));
        assertFalse(keep(LineFilterOp.PATTERN, "<_> /login <_>", C5));
        assertFalse(keep(LineFilterOp.PATTERN, "GET /api", "GET /api 200"), "literal-only pattern must end the line");
        assertTrue(keep(LineFilterOp.PATTERN, "GET /api", "x GET /api"));
        assertFalse(keep(LineFilterOp.PATTERN, "<_> 200", " 200"), "<_> must consume at least one byte");
        assertTrue(keep(LineFilterOp.PATTERN, "<_> 200", "a 200"));
        assertTrue(keep(LineFilterOp.PATTERN, "", ""));
        assertFalse(keep(LineFilterOp.PATTERN, "", "x"));
        assertTrue(keep(LineFilterOp.NOT_PATTERN, "<_> /login <_>", C5));
        StrataException e = assertThrows(StrataException.class, () -> new PatternLineFilter("<a> x"));
        assertTrue(e.getMessage().contains("named captures are not allowed"), e.getMessage());
        assertThrows(StrataException.class, () -> new PatternLineFilter("<_><_>"));
    }

    @Test
    void ipFilters() {
        List<Operand> cidr = List.of(Operand.ip("192.168.1.0/24"));
        assertTrue(keep(LineFilterOp.CONTAINS, cidr, C5));
        assertFalse(keep(LineFilterOp.CONTAINS, cidr, C45));
        assertTrue(keep(LineFilterOp.CONTAINS, cidr, C55));
        List<Operand> range = List.of(Operand.ip("192.168.1.10-192.168.1.10"));
        assertFalse(keep(LineFilterOp.NOT_CONTAINS, range, C5));
        assertTrue(keep(LineFilterOp.NOT_CONTAINS, range, C45));
        assertTrue(keep(LineFilterOp.NOT_CONTAINS, range, C55));
        assertTrue(keep(LineFilterOp.CONTAINS, List.of(Operand.ip("::1")), "from ::1 port"));
        assertTrue(keep(LineFilterOp.CONTAINS, List.of(Operand.ip("2001:db8::/32")), "peer=2001:db8:0:0:1::1 x"));
        assertFalse(keep(LineFilterOp.CONTAINS, List.of(Operand.ip("10.0.0.7")), "10.0.0.70"));
        StrataException bad = assertThrows(StrataException.class, () -> keep(LineFilterOp.CONTAINS, List.of(Operand.ip("foo")), "x"));
        assertEquals("ip: invalid pattern: \"foo\"", bad.getMessage());
        StrataException op = assertThrows(StrataException.class, () -> keep(LineFilterOp.REGEX, List.of(Operand.ip("1.1.1.1")), "x"));
        assertEquals("ip: invalid operation", op.getMessage());
    }

    @Test
    void requiredSubstringsForScanHints() {
        assertEquals(List.of("GET"), LineFilterStage.of(LineFilterOp.CONTAINS, "GET").requiredSubstrings());
        assertEquals(List.of(), LineFilterStage.of(LineFilterOp.NOT_CONTAINS, "GET").requiredSubstrings());
        assertEquals(List.of("err"), LineFilterStage.of(LineFilterOp.REGEX, ".*err.*").requiredSubstrings());
        Pipeline p = new Pipeline(List.of(LineFilterStage.of(LineFilterOp.CONTAINS, "a"), new JsonParserStage(),
                LineFilterStage.of(LineFilterOp.CONTAINS, "b"), new LineFormatStage("{{.x}}"),
                LineFilterStage.of(LineFilterOp.CONTAINS, "c")));
        assertEquals(List.of("a", "b"), p.requiredSubstrings(), "filters after a line rewrite promise nothing about the stored line");
    }
}
