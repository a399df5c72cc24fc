package io.strata.query;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Loki's volume middleware split ({@code util.ForInterval}, end-inclusive, then whole seconds). */
class VolumeBucketsTest {
    private static final long MS = 1_000_000L;
    private static final long S = 1_000_000_000L;

    private static VolumeBuckets of(long fromNanos, long endNanos, long stepNanos) {
        return VolumeBuckets.of(new VolumeRequest(List.of(), fromNanos, endNanos + 1, stepNanos, 100, List.of(), false));
    }

    @Test
    void bucketsAlignToTheStepAndEndAMillisecondBeforeTheNextBoundary() {
        // start 1000.250 s, end 1125.500 s, step 60 s: boundaries at 960, 1020, 1080 s
        VolumeBuckets b = of(1000 * S + 250 * MS, 1125 * S + 500 * MS, 60 * S);
        assertEquals(3, b.size());
        // first bucket starts at the request start, truncated to seconds
        assertEquals(1000 * S, b.fromNanos(0));
        assertEquals(1019 * S, b.throughNanos(0));
        assertEquals(1019 * S + 999 * MS, b.stampNanos(0));
        assertEquals(1020 * S, b.fromNanos(1));
        assertEquals(1079 * S, b.throughNanos(1));
        assertEquals(1079 * S + 999 * MS, b.stampNanos(1));
        // the last bucket ends at the request end (its stamp keeps the milliseconds, its window not)
        assertEquals(1080 * S, b.fromNanos(2));
        assertEquals(1125 * S, b.throughNanos(2));
        assertEquals(1125 * S + 500 * MS, b.stampNanos(2));
    }

    @Test
    void endOnABoundaryOpensNoEmptyBucketAndSubMillisecondEndsRoundUp() {
        VolumeBuckets b = of(0, 120 * S, 60 * S);
        assertEquals(2, b.size());
        assertEquals(120 * S, b.stampNanos(1));
        // Loki's RoundToMilliseconds: an end with a sub-millisecond part is rounded up
        VolumeBuckets up = of(0, 120 * S + 1, 60 * S);
        assertEquals(3, up.size());
        assertEquals(120 * S + MS, up.stampNanos(2));
        assertEquals(120 * S, up.fromNanos(2));
        assertEquals(120 * S, up.throughNanos(2));
        // start == end: no bucket at all
        assertEquals(0, of(60 * S, 60 * S, 60 * S).size());
    }

    @Test
    void instantVolumeIsOneBucketOverTheWholeWindow() {
        VolumeBuckets b = of(10 * S + 400 * MS, 70 * S + 600 * MS, 0);
        assertEquals(1, b.size());
        assertEquals(10 * S, b.fromNanos(0));
        assertEquals(70 * S, b.throughNanos(0));
        assertEquals(70 * S + 600 * MS, b.stampNanos(0));
        assertEquals(0, b.firstTouching(0));
        assertEquals(0, b.lastTouching(Long.MAX_VALUE));
    }

    @Test
    void touchingBoundsNeverMissABucketWhoseWindowHoldsTheTime() {
        VolumeBuckets b = of(1000 * S + 250 * MS, 1125 * S + 500 * MS, 2 * S);
        for (long t = 990 * S; t < 1130 * S; t += 137 * MS) {
            for (int i = 0; i < b.size(); i++) {
                if (b.fromNanos(i) - MS <= t && t <= b.throughNanos(i) + MS) {
                    assertEquals(true, b.firstTouching(t) <= i && i <= b.lastTouching(t), "t=" + t + " i=" + i);
                }
            }
        }
    }
}
