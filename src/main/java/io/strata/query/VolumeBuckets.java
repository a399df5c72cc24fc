package io.strata.query;

/**
 * The sub-requests Loki's volume middleware splits a volume request into (INDEX_STATS.md): the
 * window is rounded to milliseconds (start down, end up), cut at multiples of {@code step} since
 * the epoch, each bucket ending 1 ms before the next boundary (the last at the request end, the
 * first starting at the request start); each bucket is answered for its bounds truncated to whole
 * seconds, and its values carry the bucket's end as timestamp. An instant {@code volume} (step 0)
 * is one bucket over the whole window. Immutable.
 */
final class VolumeBuckets {
    private static final long MS = 1_000_000L;
    private static final long SECOND_MS = 1000L;

    private final long alignedMs;
    private final long stepMs;
    private final long[] fromSec;
    private final long[] throughSec;
    private final long[] endMs;

    private VolumeBuckets(long alignedMs, long stepMs, long[] fromSec, long[] throughSec, long[] endMs) {
        this.alignedMs = alignedMs;
        this.stepMs = stepMs;
        this.fromSec = fromSec;
        this.throughSec = throughSec;
        this.endMs = endMs;
    }

    static VolumeBuckets of(VolumeRequest request) {
        long fromMs = Math.floorDiv(request.fromNanos(), MS);
        long throughMs;
        if (request.throughNanos() == Long.MAX_VALUE) {
            throughMs = Long.MAX_VALUE / MS;
        } else {
            long end = request.throughNanos() - 1; // the request's inclusive end
            throughMs = Math.floorDiv(end, MS) + (Math.floorMod(end, MS) != 0 ? 1 : 0);
        }
        long stepMs = request.stepNanos() / MS;
        if (stepMs <= 0) {
            return new VolumeBuckets(fromMs, 0, new long[] {sec(fromMs)}, new long[] {sec(throughMs)},
                    new long[] {throughMs});
        }
        long aligned = fromMs - fromMs % stepMs;
        int n = throughMs <= aligned ? 0 : (int) Math.min(Integer.MAX_VALUE - 8, (throughMs - aligned - 1) / stepMs + 1);
        long[] from = new long[n];
        long[] through = new long[n];
        long[] ends = new long[n];
        for (int i = 0; i < n; i++) {
            long start = aligned + i * stepMs;
            long end = start + stepMs;
            end = end >= throughMs ? throughMs : end - 1;
            from[i] = sec(i == 0 ? fromMs : start);
            through[i] = sec(end);
            ends[i] = end;
        }
        return new VolumeBuckets(aligned, stepMs, from, through, ends);
    }

    private static long sec(long ms) {
        return Math.floorDiv(ms, SECOND_MS) * SECOND_MS;
    }

    int size() {
        return endMs.length;
    }

    /** Start of bucket {@code i}'s index window, whole seconds, in nanoseconds. */
    long fromNanos(int i) {
        return fromSec[i] * MS;
    }

    /** End (inclusive, millisecond precision) of bucket {@code i}'s index window, whole seconds, in nanoseconds. */
    long throughNanos(int i) {
        return throughSec[i] >= Long.MAX_VALUE / MS ? Long.MAX_VALUE : throughSec[i] * MS;
    }

    /** Timestamp of bucket {@code i}'s values: its end in milliseconds, as nanoseconds. */
    long stampNanos(int i) {
        return endMs[i] * MS;
    }

    /** First bucket whose window may include data at {@code nanos} or later (a cheap lower bound). */
    int firstTouching(long nanos) {
        if (stepMs == 0) {
            return 0;
        }
        // window i starts no earlier than aligned + i·step − 1 s and ends no later than aligned + (i+1)·step
        long i = Math.floorDiv(Math.floorDiv(nanos, MS) - 1 - alignedMs, stepMs) - 1;
        return (int) Math.max(0, Math.min(i, size()));
    }

    /** Last bucket whose window may include data at {@code nanos} or earlier (a cheap upper bound). */
    int lastTouching(long nanos) {
        if (stepMs == 0) {
            return size() - 1;
        }
        long ms = Math.floorDiv(nanos, MS) + 1;
        long i = Math.floorDiv(ms + SECOND_MS + 1 - alignedMs, stepMs) + 1;
        return (int) Math.min(size() - 1, Math.max(i, -1));
    }
}
