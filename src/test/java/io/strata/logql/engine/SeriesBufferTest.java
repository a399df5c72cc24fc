package io.strata.logql.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SeriesBufferTest {
    @Test
    void sortsInterleavedSamplesStably() {
        Random r = new Random(7);
        SeriesBuffer b = new SeriesBuffer();
        long[] ts = new long[1000];
        for (int i = 0; i < ts.length; i++) {
            ts[i] = r.nextInt(200);
            b.add(ts[i], i); // value = insertion index, to check stability
        }
        b.sort();
        long[] expected = ts.clone();
        Arrays.sort(expected);
        assertArrayEquals(expected, Arrays.copyOf(b.timestamps, b.size));
        for (int i = 1; i < b.size; i++) {
            if (b.timestamps[i] == b.timestamps[i - 1]) {
                assertEquals(true, b.values[i] > b.values[i - 1], "stable at " + i);
            }
        }
    }

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
}
