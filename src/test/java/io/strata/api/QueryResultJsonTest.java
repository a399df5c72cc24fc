package io.strata.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Number renderings of LOGQL.md §3.15: Go's shortest 'f' floats and seconds with ms decimals. */
class QueryResultJsonTest {
    @Test
    void valuesAreGoShortestFloatsWithoutExponent() {
        assertEquals("2", QueryResultJson.goFloat(2));
        assertEquals("1000", QueryResultJson.goFloat(1000));
        assertEquals("0.08333333333333333", QueryResultJson.goFloat(1.0 / 12));
        assertEquals("1267.1266666666666", QueryResultJson.goFloat(1267.1266666666666));
        assertEquals("0.0000001", QueryResultJson.goFloat(1e-7));
        assertEquals("100000000000000000000", QueryResultJson.goFloat(1e20));
        assertEquals("-1.5", QueryResultJson.goFloat(-1.5));
        assertEquals("NaN", QueryResultJson.goFloat(Double.NaN));
        assertEquals("+Inf", QueryResultJson.goFloat(Double.POSITIVE_INFINITY));
        assertEquals("-Inf", QueryResultJson.goFloat(Double.NEGATIVE_INFINITY));
        assertEquals("0", QueryResultJson.goFloat(0.0));
        assertEquals("-0", QueryResultJson.goFloat(-0.0));
    }

    @Test
    void timestampsAreSecondsWithMillisecondDecimals() {
        assertEquals("1795295018.515", QueryResultJson.seconds(1795295018515L));
        assertEquals("1795294140.5", QueryResultJson.seconds(1795294140500L));
        assertEquals("4000000000", QueryResultJson.seconds(4000000000000L));
        assertEquals("1.05", QueryResultJson.seconds(1050));
        assertEquals("-1.5", QueryResultJson.seconds(-1500));
    }

    @Test
    void legacyTimestampsAreGoRfc3339Nano() {
        assertEquals("2026-11-21T21:03:03.969700959Z", QueryResultJson.rfc3339(1795294983969700959L));
        assertEquals("2026-11-21T21:03:03.5Z", QueryResultJson.rfc3339(1795294983500000000L));
        assertEquals("2026-11-21T21:03:03Z", QueryResultJson.rfc3339(1795294983000000000L));
    }
}
