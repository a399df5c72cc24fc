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
    /** Start of the samples added since the last window move; only they can be out of order. */
    private int chunkStart;
    private boolean unsorted;

    void add(long ts, double value) {
        if (size == timestamps.length) {
            int n = size * 2;
            timestamps = Arrays.copyOf(timestamps, n);
            values = Arrays.copyOf(values, n);
        }
        if (size > chunkStart && ts < timestamps[size - 1]) {
            unsorted = true; // several streams feed this series
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
        chunkStart = Math.max(0, chunkStart - lo);
        size = n;
        lo = 0;
    }

    /**
     * Moves the window to {@code (start, end]}; windows only move forward. Samples added since the
     * previous move are all later than it, so only they are sorted (stably) if needed.
     */
    void window(long start, long end) {
        if (unsorted) {
            sortRange(chunkStart, size);
            unsorted = false;
        }
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
        chunkStart = size;
    }

    private void sortRange(int from, int to) {
        long[] t = Arrays.copyOfRange(timestamps, from, to);
        double[] v = Arrays.copyOfRange(values, from, to);
        long[] dt = Arrays.copyOfRange(timestamps, from, to);
        double[] dv = Arrays.copyOfRange(values, from, to);
        mergeSort(t, v, dt, dv, 0, to - from);
        System.arraycopy(dt, 0, timestamps, from, to - from);
        System.arraycopy(dv, 0, values, from, to - from);
    }

    /** Sorts {@code dst[lo, hi)} stably, using {@code src} (a copy of the same range) as scratch. */
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
}
