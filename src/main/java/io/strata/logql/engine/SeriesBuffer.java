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
        long[] t = Arrays.copyOf(timestamps, size);
        double[] v = Arrays.copyOf(values, size);
        mergeSort(t, v, timestamps, values, 0, size);
        unsorted = false;
    }

    /** Sorts {@code dst[lo, hi)} using {@code src} (a copy of the same range) as scratch; stable. */
    private static void mergeSort(long[] srcT, double[] srcV, long[] dstT, double[] dstV, int lo, int hi) {
        if (hi - lo < 16) {
            for (int i = lo + 1; i < hi; i++) {
                long t = dstT[i];
                double v = dstV[i];
                int j = i - 1;
                while (j >= lo && dstT[j] > t) {
                    dstT[j + 1] = dstT[j];
                    dstV[j + 1] = dstV[j];
                    j--;
                }
                dstT[j + 1] = t;
                dstV[j + 1] = v;
            }
            return;
        }
        int mid = (lo + hi) >>> 1;
        mergeSort(dstT, dstV, srcT, srcV, lo, mid);
        mergeSort(dstT, dstV, srcT, srcV, mid, hi);
        int i = lo;
        int j = mid;
        for (int k = lo; k < hi; k++) {
            if (j >= hi || (i < mid && srcT[i] <= srcT[j])) {
                dstT[k] = srcT[i];
                dstV[k] = srcV[i++];
            } else {
                dstT[k] = srcT[j];
                dstV[k] = srcV[j++];
            }
        }
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
