package io.strata.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ConfigFormatsTest {
    @Test
    void byteSizesParseAndFormatLikeLoki() {
        assertEquals(262144, ByteSize.parse("256KB"));
        assertEquals(262144, ByteSize.parse("256kb"));
        assertEquals(3L << 20, ByteSize.parse("3MB"));
        assertEquals(100L << 20, ByteSize.parse("100MiB"));
        assertEquals(1000, ByteSize.parse("1000"));
        assertEquals("3MB", ByteSize.format(3L << 20));
        assertEquals("256KB", ByteSize.format(262144));
        assertEquals("1000B", ByteSize.format(1000));
        assertThrows(IllegalArgumentException.class, () -> ByteSize.parse("lots"));
    }

    @Test
    void prometheusDurations() {
        assertEquals(Duration.ofDays(7), PrometheusDuration.parse("7d"));
        assertEquals(Duration.ofDays(7), PrometheusDuration.parse("1w"));
        assertEquals(Duration.ofMinutes(90), PrometheusDuration.parse("1h30m"));
        assertEquals(Duration.ofMillis(500), PrometheusDuration.parse("500ms"));
        assertEquals(Duration.ZERO, PrometheusDuration.parse("0"));
        assertEquals("not a valid duration string: \"1x\"",
                assertThrows(IllegalArgumentException.class, () -> PrometheusDuration.parse("1x")).getMessage());
        assertEquals("960h0m0s", PrometheusDuration.formatGo(Duration.ofDays(40)));
        assertEquals("721h0m0s", PrometheusDuration.formatGo(Duration.ofHours(721)));
        assertEquals("1m30s", PrometheusDuration.formatGo(Duration.ofSeconds(90)));
        assertEquals("1.5s", PrometheusDuration.formatGo(Duration.ofMillis(1500)));
        assertEquals("500ms", PrometheusDuration.formatGo(Duration.ofMillis(500)));
        assertEquals("0s", PrometheusDuration.formatGo(Duration.ZERO));
        assertEquals("30d1h", PrometheusDuration.formatPrometheus(Duration.ofHours(721)));
    }
}
