package io.strata.logql.syntax;

import java.time.Duration;
import java.util.Objects;

/**
 * The argument of a range aggregation: {@code {app="a"} | logfmt | unwrap x [5m] offset 1h}.
 *
 * @param log the selector and pipeline (before the unwrap)
 * @param range the {@code [..]} window
 * @param offset the offset, {@link Duration#ZERO} when absent; may be negative (3.x)
 * @param unwrap the unwrap clause or null
 */
public record LogRangeExpr(LogExpr log, Duration range, Duration offset, UnwrapExpr unwrap) {
    public LogRangeExpr {
        Objects.requireNonNull(log);
        Objects.requireNonNull(range);
        Objects.requireNonNull(offset);
    }
}
