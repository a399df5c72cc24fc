package io.strata.storage;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The bloom filter never excludes a substring that is present, at every fold level. */
class TrigramBloomTest {
    @Test
    void presentSubstringsAlwaysMayMatchAndAbsentOnesUsuallyDoNot() {
        Random r = new Random(5);
        for (int size : new int[] {100, 2_000, 30_000, 300_000}) {
            StringBuilder sb = new StringBuilder();
            while (sb.length() < size) {
                sb.append("msg=").append(Long.toString(r.nextLong() & Long.MAX_VALUE, 36)).append(' ');
            }
            byte[] text = sb.toString().getBytes(StandardCharsets.UTF_8);
            long[] words = new long[TrigramBloom.MAX_BITS / 64];
            for (int off = 0; off < text.length; off += 97) {
                TrigramBloom.addLine(words, text, off, Math.min(97, text.length - off));
            }
            long[] bloom = TrigramBloom.fold(words, text.length);
            for (int i = 0; i < 500; i++) {
                int lineStart = r.nextInt(text.length / 97 + 1) * 97;
                int lineEnd = Math.min(lineStart + 97, text.length);
                if (lineEnd - lineStart < 4) {
                    continue;
                }
                int a = lineStart + r.nextInt(lineEnd - lineStart - 3);
                int b = a + 3 + r.nextInt(Math.min(12, lineEnd - a - 3) + 1);
                String sub = new String(text, a, b - a, StandardCharsets.UTF_8);
                assertTrue(TrigramBloom.Probe.of(new ScanHints(List.of(sub))).mayMatch(bloom),
                        "present '" + sub + "' at size " + size + " bits " + bloom.length * 64);
            }
            if (size <= 100) { // random text saturates larger filters (capped at a quarter bit per byte)
                assertFalse(TrigramBloom.Probe.of(new ScanHints(List.of("ZZZ#QQ!XX"))).mayMatch(bloom),
                        "an absent needle is excluded at size " + size);
            }
        }
    }

    @Test
    void shortOrNoHintsNeverExclude() {
        long[] bloom = TrigramBloom.fold(new long[TrigramBloom.MAX_BITS / 64], 100);
        assertTrue(TrigramBloom.Probe.of(new ScanHints(List.of("ab"))).mayMatch(bloom));
        assertTrue(TrigramBloom.Probe.of(ScanHints.NONE).mayMatch(bloom));
        assertFalse(TrigramBloom.Probe.of(new ScanHints(List.of("abc"))).mayMatch(bloom));
    }
}
