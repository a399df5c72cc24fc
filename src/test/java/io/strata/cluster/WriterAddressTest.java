package io.strata.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class WriterAddressTest {
    @Test
    void parsesACommaListIgnoringBlanks() {
        assertEquals(List.of(new WriterAddress("strata-write-headless", 3100), new WriterAddress("10.0.0.7", 3101)),
                WriterAddress.parseList(" strata-write-headless:3100, ,10.0.0.7:3101,"));
        assertEquals(List.of(), WriterAddress.parseList(""));
        assertEquals(List.of(), WriterAddress.parseList(null));
    }

    @Test
    void ipv6LiteralsUseBrackets() {
        WriterAddress a = WriterAddress.parseList("[::1]:3100").get(0);
        assertEquals(new WriterAddress("::1", 3100), a);
        assertEquals("[::1]:3100", a.toString());
    }

    @Test
    void entriesWithoutAValidPortAreRejectedWithTheSettingName() {
        for (String bad : new String[] {"writer", "writer:", ":3100", "writer:http", "writer:70000", "::1:3100"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> WriterAddress.parseList(bad), bad);
            assertEquals("invalid strata.writers (STRATA_WRITERS) entry '" + bad + "': expected host:port",
                    e.getMessage());
        }
    }
}
