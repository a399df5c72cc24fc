package io.strata.logql.syntax;

import java.util.List;
import java.util.Objects;

/**
 * {@code | unwrap latency}, {@code | unwrap duration(latency)}, followed by optional post-unwrap
 * label filters ({@code | __error__=""}).
 */
public record UnwrapExpr(String label, UnwrapConversion conversion, List<LabelFilter> postFilters) {
    public UnwrapExpr {
        Objects.requireNonNull(label);
        Objects.requireNonNull(conversion);
        postFilters = List.copyOf(postFilters);
    }

    /** How the unwrapped label value becomes a number. */
    public enum UnwrapConversion {
        /** Plain float. */
        NONE(""),
        BYTES("bytes"),
        DURATION("duration"),
        DURATION_SECONDS("duration_seconds");

        private final String function;

        UnwrapConversion(String function) {
            this.function = function;
        }

        /** The LogQL function name, empty for {@link #NONE}. */
        public String function() {
            return function;
        }
    }
}
