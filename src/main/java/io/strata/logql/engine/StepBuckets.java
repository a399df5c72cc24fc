package io.strata.logql.engine;

/**
 * Samples of one series as per-step sums, for range aggregations whose value depends only on the
 * count and the sum of integer-valued samples ({@code count_over_time}, {@code rate},
 * {@code bytes_*}, {@code absent_over_time} over a selection without pipeline stages) when the
 * range is a whole number {@code k} of steps: every window {@code (t − offset − range, t − offset]}
 * is then exactly the union of {@code k} step buckets {@code (b − step, b]}, so samples need no
 * timestamps, no sorting and no eviction — one add per sample. Bucket {@code j} (from 1) covers
 * {@code (origin + (j−1)·step, origin + j·step]}; the window of step {@code i} (from 0) is buckets
 * {@code i+1 … i+k}, kept in a ring of {@code k} slots. Sums of integers below 2^53 are exact in
 * any order, so the values equal the time-ordered sums of {@link SeriesBuffer}.
 */
final class StepBuckets {
    private final long[] counts;
    private final double[] sums;

    StepBuckets(int k) {
        counts = new long[k];
        sums = new double[k];
    }

    void add(long bucket, double value) {
        int slot = (int) (bucket % counts.length);
        counts[slot]++;
        sums[slot] += value;
    }

    /** Empties the slot that bucket {@code bucket} will use (it held bucket {@code bucket − k}). */
    void clear(long bucket) {
        int slot = (int) (bucket % counts.length);
        counts[slot] = 0;
        sums[slot] = 0;
    }

    long count() {
        long n = 0;
        for (long c : counts) {
            n += c;
        }
        return n;
    }

    double sum() {
        double s = 0;
        for (double v : sums) {
            s += v;
        }
        return s;
    }

    /** The function's value over the current window; {@code count() > 0}. */
    static double value(RangeFunction f, long count, double sum, double rangeSeconds) {
        return switch (f) {
            case COUNT_OVER_TIME -> count;
            case BYTES_OVER_TIME -> sum;
            case RATE, BYTES_RATE -> sum / rangeSeconds;
            case ABSENT_OVER_TIME -> 1;
            default -> throw new IllegalArgumentException(f.name());
        };
    }

    /** Whether {@code f} over {@code samples} can be evaluated with buckets. */
    static boolean applies(RangeFunction f, SampleSource samples, long rangeNanos, long stepNanos) {
        boolean function = switch (f) {
            case COUNT_OVER_TIME, BYTES_OVER_TIME, RATE, BYTES_RATE, ABSENT_OVER_TIME -> true;
            default -> false;
        };
        return function && samples instanceof DirectSamples && stepNanos > 0 && rangeNanos > 0
                && rangeNanos % stepNanos == 0 && rangeNanos / stepNanos <= MAX_STEPS_PER_RANGE;
    }

    /** More buckets per window than this use the sample buffer (memory per series). */
    static final long MAX_STEPS_PER_RANGE = 1024;
}
