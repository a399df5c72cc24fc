package io.strata.logql.syntax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Token-level rules: numbers, durations, byte sizes, strings, keywords, comments. */
class LexerTest {

    private static List<Token> tokens(String s) {
        Lexer l = new Lexer(s);
        List<Token> out = new ArrayList<>();
        for (Token t = l.next(); t.kind() != Tok.EOF; t = l.next()) {
            out.add(t);
        }
        return out;
    }

    private static List<Tok> kinds(String s) {
        return tokens(s).stream().map(Token::kind).toList();
    }

    @Test
    void durationsAndBytesGlueToNumbers() {
        assertEquals(List.of(Tok.DURATION), kinds("1h30m"));
        assertEquals(Duration.ofMinutes(90), tokens("1h30m").get(0).duration());
        assertEquals(Duration.ofMillis(1500), tokens("1.5s").get(0).duration());
        assertEquals(Duration.ofDays(365), tokens("1y").get(0).duration());
        assertEquals(Duration.ofMinutes(-5), tokens("-5m").get(0).duration());
        assertEquals(List.of(Tok.BYTES), kinds("10KB"));
        assertEquals(10_000L, tokens("10KB").get(0).bytes());
        assertEquals(3L * 1024 * 1024, tokens("3MiB").get(0).bytes());
        assertEquals(List.of(Tok.DURATION, Tok.IDENTIFIER), kinds("1mb"));
        assertEquals(List.of(Tok.NUMBER, Tok.IDENTIFIER), kinds("1 KB"));
        assertEquals(List.of(Tok.NUMBER, Tok.SUB, Tok.NUMBER), kinds("1 - 2"));
        assertEquals(List.of(Tok.NUMBER), kinds("0x1p-2"));
        assertEquals(List.of(Tok.NUMBER), kinds(".5e3"));
    }

    @Test
    void rangesUsePrometheusDurations() {
        Token t = tokens("[1d12h]").get(0);
        assertEquals(Tok.RANGE, t.kind());
        assertEquals(Duration.ofHours(36), t.duration());
        assertEquals(0, t.line()); // Loki's lexer reports range tokens at line 0
        assertEquals(1, t.column());
        ParseException e = assertThrows(ParseException.class, () -> tokens("[5s1m]"));
        assertEquals("parse error at line 0, col 1: not a valid duration string: \"5s1m\"", e.getMessage());
        assertThrows(ParseException.class, () -> tokens("[1µs]"));
        assertThrows(ParseException.class, () -> tokens("[]"));
    }

    @Test
    void stringsAndEscapes() {
        assertEquals("a\"b\\c\n\t\u00e9\u0007", tokens("\"a\\\"b\\\\c\\n\\t\\u00e9\\a\"").get(0).text());
        assertEquals("\u00e9", tokens("\"\\xc3\\xa9\"").get(0).text());
        assertEquals("\\d+ \"x\"\nline2", tokens("`\\d+ \"x\"\nline2`").get(0).text());
        assertEquals("literal not terminated", assertThrows(ParseException.class, () -> tokens("\"a\nb\"")).detail());
        assertEquals("literal not terminated", assertThrows(ParseException.class, () -> tokens("`abc")).detail());
        assertEquals("invalid char escape", assertThrows(ParseException.class, () -> tokens("\"\\'\"")).detail());
        assertEquals(List.of(Tok.IDENTIFIER), kinds("'x'"));
    }

    @Test
    void keywordsAreCaseInsensitiveAndFunctionsNeedParentheses() {
        assertEquals(List.of(Tok.SUM, Tok.BY, Tok.OPEN_PARENTHESIS), kinds("SUM By ("));
        assertEquals(List.of(Tok.SUM, Tok.WITHOUT, Tok.OPEN_PARENTHESIS), kinds("sum without ("));
        assertEquals(List.of(Tok.IDENTIFIER, Tok.GT), kinds("sum >"));
        assertEquals(List.of(Tok.BYTES_CONV, Tok.OPEN_PARENTHESIS), kinds("bytes ("));
        assertEquals(List.of(Tok.PIPE, Tok.JSON, Tok.PIPE, Tok.LOGFMT, Tok.FUNCTION_FLAG, Tok.FUNCTION_FLAG),
                kinds("|JSON|logfmt --strict --keep-empty"));
        assertEquals(List.of(Tok.PIPE_EXACT, Tok.NEQ, Tok.PIPE_MATCH, Tok.NRE, Tok.PIPE_PATTERN, Tok.NPA, Tok.RE, Tok.CMP_EQ,
                Tok.GTE, Tok.LTE, Tok.EQ), kinds("|= != |~ !~ |> !> =~ == >= <= ="));
        assertEquals(List.of(Tok.IDENTIFIER), kinds("!"));
        assertEquals(List.of(Tok.IDENTIFIER), kinds("\u00fcber_1"));
    }

    @Test
    void commentsAndPositions() {
        assertEquals(List.of(Tok.OPEN_BRACE, Tok.CLOSE_BRACE), kinds("{ # c\n /* x */ } // y"));
        List<Token> ts = tokens("a\n  bb");
        assertEquals(2, ts.get(1).line());
        assertEquals(3, ts.get(1).column());
        assertEquals(0, tokens("a >= b").get(1).line()); // two-char operators: line 0, like Loki
    }

    @Test
    void goDurationFormatting() {
        assertEquals("1h30m0s", GoDurations.formatGo(Duration.ofMinutes(90)));
        assertEquals("1.5s", GoDurations.formatGo(Duration.ofMillis(1500)));
        assertEquals("500ms", GoDurations.formatGo(Duration.ofMillis(500)));
        assertEquals("1.5µs", GoDurations.formatGo(Duration.ofNanos(1500)));
        assertEquals("-5m0s", GoDurations.formatGo(Duration.ofMinutes(-5)));
        assertEquals("0s", GoDurations.formatGo(Duration.ZERO));
        assertEquals("1d", GoDurations.formatPrometheus(Duration.ofDays(1)));
        assertEquals("1w", GoDurations.formatPrometheus(Duration.ofDays(7)));
        assertEquals("8d", GoDurations.formatPrometheus(Duration.ofDays(8)));
        assertEquals("1h1s500ms", GoDurations.formatPrometheus(Duration.ofMillis(3_601_500)));
        assertNull(GoDurations.parseGo("1d"));
        assertEquals(Duration.ofNanos(1), GoDurations.parseGo("1ns"));
    }

    @Test
    void goNumberFormatting() {
        assertEquals("1e+06", GoNumbers.formatG(1e6));
        assertEquals("123456", GoNumbers.formatG(123456));
        assertEquals("1.5e-05", GoNumbers.formatG(1.5e-5));
        assertEquals("0.0001", GoNumbers.formatG(1e-4));
        assertEquals("-0.5", GoNumbers.formatG(-0.5));
        assertEquals("+Inf", GoNumbers.formatG(Double.POSITIVE_INFINITY));
        assertEquals("1000000", GoNumbers.formatF(1e6));
        assertEquals("1.000000", GoNumbers.formatFixed6(1));
        assertEquals("1.5 kB", GoNumbers.humanBytes(1500));
        assertEquals("1.0 kB", GoNumbers.humanBytes(1024));
        assertEquals("9 B", GoNumbers.humanBytes(9));
        assertEquals("20 B", GoNumbers.humanBytes(20));
        assertEquals("10 GB", GoNumbers.humanBytes(10_000_000_000L));
    }
}
