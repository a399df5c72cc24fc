package io.strata.logql.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SeriesBufferTest {
    @Test
    void windowsAdvanceWithStartExclusiveEndInclusive() {
        SeriesBuffer b = new SeriesBuffer();
        for (long t : new long[] {10, 20, 30, 40}) {
            b.add(t, t);
        }
        b.window(0, 20);
        assertEquals(0, b.lo);
        assertEquals(2, b.hi);
        b.window(20, 40);
        assertEquals(2, b.lo);
        assertEquals(4, b.hi);
    }

    @Test
    void samplesBeforeTheWindowAreEvictedWithoutChangingTheWindow() {
        SeriesBuffer b = new SeriesBuffer();
        long next = 0;
        for (long end = 1000; end <= 100_000; end += 1000) {
            while (next <= end) {
                b.add(next, next);
                next++;
            }
            b.window(end - 5000, end); // (end-5000, end]: 5000 samples once warmed up
            int expected = (int) Math.min(end + 1, 5000);
            assertEquals(expected, b.hi - b.lo, "window size at " + end);
            assertEquals(end, (long) b.values[b.hi - 1]);
            assertEquals(Math.max(0, end - 4999), b.timestamps[b.lo]);
        }
        assertTrue(b.size < 12_000, "evicted: " + b.size);
    }
}
