package io.strata.logql.log;

/**
 * How {@code unwrap} turns a label value into a sample value. Failures throw
 * {@link NumberFormatException} whose message is Loki's (Go's) error text.
 */
public enum Conversion {
    /** Plain {@code unwrap x}: Go {@code strconv.ParseFloat}. */
    FLOAT,
    /** {@code duration(x)} and {@code duration_seconds(x)}: Go duration in seconds. */
    DURATION,
    /** {@code bytes(x)}: go-humanize bytes. */
    BYTES;

    public double convert(String value) {
        return switch (this) {
            case FLOAT -> GoValues.parseFloat(value);
            case DURATION -> GoValues.parseDurationNanos(value) / 1e9;
            case BYTES -> GoValues.parseBytes(value);
        };
    }
}
