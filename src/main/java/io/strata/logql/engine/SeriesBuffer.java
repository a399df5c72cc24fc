package io.strata.logql.engine;

import java.util.Arrays;

/**
 * Samples of one series while a range aggregation runs: growable parallel arrays of timestamps
 * (ns) and values in time order, plus the two window cursors that advance with the steps; samples
 * before the window are dropped as the window moves. Owned by one {@link RangeAggregationEvaluator}.
 */
final class SeriesBuffer {
    long[] timestamps = new long[8];
    double[] values = new double[8];
    int size;
    /** First sample inside the current window (ts > window start). */
    int lo;
    /** First sample after the current window (ts > window end). */
    int hi;

    void add(long ts, double value) {
        if (size == timestamps.length) {
            int n = size * 2;
            timestamps = Arrays.copyOf(timestamps, n);
            values = Arrays.copyOf(values, n);
        }
        timestamps[size] = ts;
        values[size] = value;
        size++;
    }

    /** Drops the samples before the window, shifting the rest to the front. */
    private void evictBeforeWindow() {
        int n = size - lo;
        System.arraycopy(timestamps, lo, timestamps, 0, n);
        System.arraycopy(values, lo, values, 0, n);
        hi -= lo;
        size = n;
        lo = 0;
    }

    /** Moves the window to {@code (start, end]}; windows only move forward. */
    void window(long start, long end) {
        while (lo < size && timestamps[lo] <= start) {
            lo++;
        }
        if (lo >= 1024 && lo * 2 >= size) {
            evictBeforeWindow();
        }
        if (hi < lo) {
            hi = lo;
        }
        while (hi < size && timestamps[hi] <= end) {
            hi++;
        }
    }
}
