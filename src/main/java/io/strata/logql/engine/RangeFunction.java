package io.strata.logql.engine;

import java.util.Arrays;

/**
 * The range aggregations of LogQL and their value over one window of samples
 * {@code values[lo, hi)} (timestamps ascending). The sample value is already 1 (counting),
 * the line length (bytes functions) or the unwrapped value, so several functions share a formula.
 * Formulas follow Loki 3.x (LOGQL.md §3.11): population variance, Prometheus quantile,
 * NaN-replacing min/max, incremental mean, and the released {@code rate_counter}.
 */
public enum RangeFunction {
    COUNT_OVER_TIME, RATE, RATE_COUNTER, BYTES_OVER_TIME, BYTES_RATE, SUM_OVER_TIME, AVG_OVER_TIME,
    MIN_OVER_TIME, MAX_OVER_TIME, STDVAR_OVER_TIME, STDDEV_OVER_TIME, QUANTILE_OVER_TIME,
    FIRST_OVER_TIME, LAST_OVER_TIME, ABSENT_OVER_TIME;

    /** Value of the window; {@code hi > lo}. {@code param} is φ for quantile_over_time. */
    public double apply(long[] ts, double[] values, int lo, int hi, double rangeSeconds, double param) {
        return switch (this) {
            case COUNT_OVER_TIME -> hi - lo;
            case BYTES_OVER_TIME, SUM_OVER_TIME -> sum(values, lo, hi);
            case RATE, BYTES_RATE -> sum(values, lo, hi) / rangeSeconds;
            case AVG_OVER_TIME -> average(values, lo, hi);
            case MIN_OVER_TIME -> min(values, lo, hi);
            case MAX_OVER_TIME -> max(values, lo, hi);
            case STDVAR_OVER_TIME -> variance(values, lo, hi);
            case STDDEV_OVER_TIME -> Math.sqrt(variance(values, lo, hi));
            case QUANTILE_OVER_TIME -> quantile(param, values, lo, hi);
            case FIRST_OVER_TIME -> values[lo];
            case LAST_OVER_TIME -> values[hi - 1];
            case RATE_COUNTER -> counterRate(ts, values, lo, hi, rangeSeconds);
            case ABSENT_OVER_TIME -> 1;
        };
    }

    private static double sum(double[] v, int lo, int hi) {
        double s = 0;
        for (int i = lo; i < hi; i++) {
            s += v[i];
        }
        return s;
    }

    /** Incremental mean that keeps an infinite mean instead of turning it into NaN (Prometheus). */
    static double average(double[] v, int lo, int hi) {
        double mean = 0;
        double count = 0;
        for (int i = lo; i < hi; i++) {
            double x = v[i];
            count++;
            if (Double.isInfinite(mean)) {
                if (Double.isInfinite(x) && (mean > 0) == (x > 0)) {
                    continue;
                }
                if (!Double.isInfinite(x) && !Double.isNaN(x)) {
                    continue;
                }
            }
            mean += x / count - mean / count;
        }
        return mean;
    }

    private static double min(double[] v, int lo, int hi) {
        double m = v[lo];
        for (int i = lo; i < hi; i++) {
            if (v[i] < m || Double.isNaN(m)) {
                m = v[i];
            }
        }
        return m;
    }

    private static double max(double[] v, int lo, int hi) {
        double m = v[lo];
        for (int i = lo; i < hi; i++) {
            if (v[i] > m || Double.isNaN(m)) {
                m = v[i];
            }
        }
        return m;
    }

    /** Population variance, Welford's algorithm. */
    private static double variance(double[] v, int lo, int hi) {
        double count = 0;
        double mean = 0;
        double aux = 0;
        for (int i = lo; i < hi; i++) {
            count++;
            double delta = v[i] - mean;
            mean += delta / count;
            aux += delta * (v[i] - mean);
        }
        return aux / count;
    }

    /** Prometheus' quantile: linear interpolation between the ranks around φ·(n−1). */
    static double quantile(double q, double[] v, int lo, int hi) {
        int n = hi - lo;
        if (n == 0) {
            return Double.NaN;
        }
        if (q < 0) {
            return Double.NEGATIVE_INFINITY;
        }
        if (q > 1) {
            return Double.POSITIVE_INFINITY;
        }
        double[] sorted = Arrays.copyOfRange(v, lo, hi);
        Arrays.sort(sorted);
        double rank = q * (n - 1);
        double lower = Math.max(0, Math.floor(rank));
        double upper = Math.min(n - 1, lower + 1);
        double weight = rank - Math.floor(rank);
        return sorted[(int) lower] * (1 - weight) + sorted[(int) upper] * weight;
    }

    /**
     * {@code rate_counter} as released in Loki 2.8–3.7: a Prometheus-style counter increase with
     * the sampled interval taken in microseconds (ns/1000) against a window in seconds, which
     * makes the extrapolation nearly vanish (LOGQL.md §3.11, Q32).
     */
    private static double counterRate(long[] ts, double[] v, int lo, int hi, double rangeSeconds) {
        int n = hi - lo;
        if (n < 2) {
            return 0;
        }
        double first = v[lo];
        double last = v[hi - 1];
        double increase = last - first;
        for (int i = lo + 1; i < hi; i++) {
            if (v[i] < v[i - 1]) {
                increase += v[i - 1];
            }
        }
        double sampled = (ts[hi - 1] - ts[lo]) / 1000.0;
        double average = sampled / (n - 1);
        double threshold = average * 1.1;
        double durationToStart = rangeSeconds;
        double durationToEnd = 0;
        if (increase > 0 && first >= 0) {
            durationToStart = Math.min(durationToStart, sampled * (first / increase));
        }
        double extrapolate = sampled;
        extrapolate += durationToStart < threshold ? durationToStart : average / 2;
        extrapolate += durationToEnd < threshold ? durationToEnd : average / 2;
        return increase * (extrapolate / sampled) / rangeSeconds;
    }
}
