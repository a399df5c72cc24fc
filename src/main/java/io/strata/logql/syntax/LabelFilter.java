package io.strata.logql.syntax;

import io.strata.model.Matcher;
import java.time.Duration;
import java.util.Objects;

/**
 * The predicate tree of a label filter. {@code ,}, {@code and} and juxtaposition all build
 * {@link And}; precedence follows Loki (see README.md).
 */
public sealed interface LabelFilter {

    /** Both sides must pass ({@code a and b}, {@code a, b}, {@code a b}). */
    record And(LabelFilter left, LabelFilter right) implements LabelFilter {
        public And {
            Objects.requireNonNull(left);
            Objects.requireNonNull(right);
        }
    }

    /** Either side passes; the right side is not evaluated when the left passed. */
    record Or(LabelFilter left, LabelFilter right) implements LabelFilter {
        public Or {
            Objects.requireNonNull(left);
            Objects.requireNonNull(right);
        }
    }

    /** String comparison {@code name="v"}, {@code !=}, {@code =~}, {@code !~} (regex fully anchored). */
    record StringFilter(Matcher matcher) implements LabelFilter {
        public StringFilter {
            Objects.requireNonNull(matcher);
        }
    }

    /** {@code name > 1.5}: the label value parsed as a float. */
    record NumericFilter(String name, ComparisonOp op, double value) implements LabelFilter {
        public NumericFilter {
            Objects.requireNonNull(name);
            Objects.requireNonNull(op);
        }
    }

    /** {@code name > 250ms}: the label value parsed as a Go duration. */
    record DurationFilter(String name, ComparisonOp op, Duration value) implements LabelFilter {
        public DurationFilter {
            Objects.requireNonNull(name);
            Objects.requireNonNull(op);
            Objects.requireNonNull(value);
        }
    }

    /** {@code name >= 1KiB}: the label value parsed as a humanized byte size; {@code bytes} is unsigned. */
    record BytesFilter(String name, ComparisonOp op, long bytes) implements LabelFilter {
        public BytesFilter {
            Objects.requireNonNull(name);
            Objects.requireNonNull(op);
        }
    }

    /** {@code name = ip("10.0.0.0/8")} ({@code equal}) or {@code name != ip("...")}. */
    record IpFilter(String name, boolean equal, String pattern) implements LabelFilter {
        public IpFilter {
            Objects.requireNonNull(name);
            Objects.requireNonNull(pattern);
        }
    }
}
