package io.strata.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class WriterDiscoveryTest {
    /** A clock the test moves. */
    static final class TestClock extends Clock {
        volatile long millis = 1_000_000;

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis);
        }
    }

    private static InetAddress ip(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void staticListOfIpLiteralsIsUsedAsConfigured() {
        WriterDiscovery d = new WriterDiscovery(WriterAddress.parseList("127.0.0.1:3100,127.0.0.2:3101,[::1]:3102"),
                WriterDiscovery.SYSTEM_RESOLVER, Duration.ofSeconds(10), Clock.systemUTC());
        assertEquals(List.of("127.0.0.1:3100", "127.0.0.2:3101", "[0:0:0:0:0:0:0:1]:3102"), d.writers());
        assertFalse(d.isEmpty());
    }

    @Test
    void everyAddressOfANameIsAWriterAndDuplicatesCollapse() {
        Map<String, List<InetAddress>> dns = Map.of(
                "strata-write-headless", List.of(ip("10.0.0.1"), ip("10.0.0.2"), ip("10.0.0.3")));
        WriterDiscovery d = new WriterDiscovery(
                WriterAddress.parseList("strata-write-headless:3100,10.0.0.2:3100"),
                host -> resolve(dns, host), Duration.ofSeconds(10), new TestClock());
        assertEquals(List.of("10.0.0.1:3100", "10.0.0.2:3100", "10.0.0.3:3100"), d.writers());
    }

    @Test
    void namesAreReResolvedOnlyAfterTheRefreshPeriod() {
        TestClock clock = new TestClock();
        Map<String, List<InetAddress>> dns = new HashMap<>(Map.of("w", List.of(ip("10.0.0.1"))));
        AtomicInteger lookups = new AtomicInteger();
        WriterDiscovery d = new WriterDiscovery(WriterAddress.parseList("w:3100"), host -> {
            lookups.incrementAndGet();
            return resolve(dns, host);
        }, Duration.ofSeconds(10), clock);
        assertEquals(List.of("10.0.0.1:3100"), d.writers());
        dns.put("w", List.of(ip("10.0.0.1"), ip("10.0.0.9")));  // a pod was added
        clock.millis += 9_000;
        assertEquals(List.of("10.0.0.1:3100"), d.writers());
        assertEquals(1, lookups.get());
        clock.millis += 1_000;
        assertEquals(List.of("10.0.0.1:3100", "10.0.0.9:3100"), d.writers());
        assertEquals(2, lookups.get());
        dns.put("w", List.of(ip("10.0.0.9")));  // and one went away
        clock.millis += 10_000;
        assertEquals(List.of("10.0.0.9:3100"), d.writers());
    }

    @Test
    void aNameThatStopsResolvingKeepsItsLastAddresses() {
        TestClock clock = new TestClock();
        Map<String, List<InetAddress>> dns = new HashMap<>(Map.of("w", List.of(ip("10.0.0.1"))));
        WriterDiscovery d = new WriterDiscovery(WriterAddress.parseList("w:3100,gone:3100"),
                host -> resolve(dns, host), Duration.ofSeconds(10), clock);
        assertEquals(List.of("10.0.0.1:3100"), d.writers());
        dns.remove("w");
        clock.millis += 10_000;
        assertEquals(List.of("10.0.0.1:3100"), d.writers());
    }

    @Test
    void localhostResolvesThroughTheSystemResolver() throws Exception {
        WriterDiscovery d = new WriterDiscovery(WriterAddress.parseList("localhost:3100"),
                WriterDiscovery.SYSTEM_RESOLVER, Duration.ofSeconds(10), Clock.systemUTC());
        List<String> expected = new ArrayList<>();
        for (InetAddress a : InetAddress.getAllByName("localhost")) {
            String s = WriterDiscovery.authority(a, 3100);
            if (!expected.contains(s)) {
                expected.add(s);
            }
        }
        assertEquals(expected, d.writers());
        assertTrue(d.writers().stream().allMatch(w -> w.endsWith(":3100")));
        assertFalse(d.writers().isEmpty());
    }

    private static List<InetAddress> resolve(Map<String, List<InetAddress>> dns, String host)
            throws UnknownHostException {
        List<InetAddress> a = dns.get(host);
        if (a == null) {
            if (host.matches("[0-9.]+")) {
                return List.of(ip(host));
            }
            throw new UnknownHostException(host + ": Name or service not known");
        }
        return a;
    }
}
