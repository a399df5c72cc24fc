package io.strata.logql.engine;

import java.util.Arrays;

/**
 * Samples of one series while a range aggregation runs: growable parallel arrays of timestamps
 * (ns) and values, sorted by time before use, plus the two window cursors that advance with the
 * steps. Owned by one {@link RangeAggregationEvaluator}.
 */
final class SeriesBuffer {
    long[] timestamps = new long[8];
    double[] values = new double[8];
    int size;
    private boolean unsorted;
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
        if (size > 0 && ts < timestamps[size - 1]) {
            unsorted = true;
        }
        timestamps[size] = ts;
        values[size] = value;
        size++;
    }

    /** Stable sort by timestamp (samples from several streams with equal grouped labels interleave). */
    void sort() {
        if (!unsorted) {
            return;
        }
        Integer[] order = new Integer[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Long.compare(timestamps[a], timestamps[b]));
        long[] t = new long[size];
        double[] v = new double[size];
        for (int i = 0; i < size; i++) {
            t[i] = timestamps[order[i]];
            v[i] = values[order[i]];
        }
        timestamps = t;
        values = v;
        unsorted = false;
    }

    /** Moves the window to {@code (start, end]}; windows only move forward. */
    void window(long start, long end) {
        while (lo < size && timestamps[lo] <= start) {
            lo++;
        }
        if (hi < lo) {
            hi = lo;
        }
        while (hi < size && timestamps[hi] <= end) {
            hi++;
        }
    }
}
