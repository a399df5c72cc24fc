package io.strata.logql.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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

    @Test
    void samplesFromSeveralStreamsAreSortedPerStep() {
        SeriesBuffer b = new SeriesBuffer();
        // step 1 (end 10): stream A then stream B
        b.add(2, 1);
        b.add(9, 2);
        b.add(1, 3);
        b.add(9, 4);
        b.window(0, 10);
        assertArrayEquals(new long[] {1, 2, 9, 9}, java.util.Arrays.copyOf(b.timestamps, b.size));
        assertArrayEquals(new double[] {3, 1, 2, 4}, java.util.Arrays.copyOf(b.values, b.size), "stable");
        // step 2 (end 20): earlier samples stay put, new ones sorted
        b.add(15, 5);
        b.add(11, 6);
        b.window(10, 20);
        assertEquals(4, b.lo);
        assertArrayEquals(new long[] {11, 15}, java.util.Arrays.copyOfRange(b.timestamps, b.lo, b.hi));
    }
}
