package io.strata.logql.engine;

import java.util.function.BooleanSupplier;

/**
 * Deadline and cancellation of one query, checked by evaluators once per block of entries or per
 * step (never per entry). Immutable; {@code deadlineNanoTime} is on the {@link System#nanoTime()}
 * clock, {@link Long#MAX_VALUE} for none.
 */
public record QueryGuard(long deadlineNanoTime, BooleanSupplier cancelled) {
    public static final QueryGuard NONE = new QueryGuard(Long.MAX_VALUE, () -> false);

    public QueryGuard {
        cancelled = cancelled == null ? () -> false : cancelled;
    }

    /** A guard that times out {@code timeoutNanos} from now. */
    public static QueryGuard withTimeout(long timeoutNanos, BooleanSupplier cancelled) {
        long now = System.nanoTime();
        long deadline = timeoutNanos <= 0 || now + timeoutNanos < now ? Long.MAX_VALUE : now + timeoutNanos;
        return new QueryGuard(deadline, cancelled);
    }

    /** Throws Loki's timeout or cancellation error when due. */
    public void check() {
        if (cancelled.getAsBoolean()) {
            throw EngineErrors.cancelled();
        }
        if (deadlineNanoTime != Long.MAX_VALUE && System.nanoTime() - deadlineNanoTime > 0) {
            throw EngineErrors.timeout();
        }
    }
}
