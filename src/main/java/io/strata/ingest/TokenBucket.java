package io.strata.ingest;

/**
 * A token bucket like Go's {@code rate.Limiter}: {@code rate} tokens (bytes) per second, at most
 * {@code burst} saved up; a request for more than {@code burst} never passes. Thread-safe.
 */
public final class TokenBucket {
    private final long ratePerSecond;
    private final double ratePerNano;
    private final long burst;
    private double tokens;
    private long lastNanos;

    public TokenBucket(long ratePerSecond, long burst, long nowNanos) {
        this.ratePerSecond = ratePerSecond;
        this.ratePerNano = ratePerSecond / 1e9;
        this.burst = burst;
        this.tokens = burst;
        this.lastNanos = nowNanos;
    }

    /** Whether this bucket was made for these limits (a {@code tenants/} override may change them). */
    public boolean hasLimits(long ratePerSecond, long burst) {
        return this.ratePerSecond == ratePerSecond && this.burst == burst;
    }

    /** Takes {@code n} tokens if available now; returns whether it did. */
    public synchronized boolean tryTake(long nowNanos, long n) {
        refill(nowNanos);
        if (n > tokens) {
            return false;
        }
        tokens -= n;
        return true;
    }

    private void refill(long nowNanos) {
        long elapsed = nowNanos - lastNanos;
        if (elapsed > 0) {
            tokens = Math.min(burst, tokens + elapsed * ratePerNano);
            lastNanos = nowNanos;
        }
    }
}
