package io.strata.logql.log;

/**
 * {@code | status >= 400}, {@code | latency > 250ms}, {@code | size <= 1KiB}: the label value is
 * converted (Go float, Go duration, or humanized bytes) and compared. A missing label drops the
 * entry; a conversion failure keeps it and sets {@code __error__="LabelFilterErr"} with the Go
 * error text, unless an error is already set. The error labels themselves are not readable here.
 */
public record NumericLabelFilter(String name, CompareOp op, Kind kind, double value) implements LabelFilter {
    public static final String LABEL_FILTER_ERR = "LabelFilterErr";

    /** How the label value is read. */
    public enum Kind { NUMBER, DURATION, BYTES }

    /** A duration filter; {@code nanos} is the right-hand side in nanoseconds. */
    public static NumericLabelFilter duration(String name, CompareOp op, long nanos) {
        return new NumericLabelFilter(name, op, Kind.DURATION, nanos);
    }

    public static NumericLabelFilter number(String name, CompareOp op, double value) {
        return new NumericLabelFilter(name, op, Kind.NUMBER, value);
    }

    public static NumericLabelFilter bytes(String name, CompareOp op, double bytes) {
        return new NumericLabelFilter(name, op, Kind.BYTES, bytes);
    }

    @Override
    public boolean test(LabelsBuilder labels) {
        if (name.equals(LabelsBuilder.ERROR) || name.equals(LabelsBuilder.ERROR_DETAILS)) {
            return false;
        }
        String v = labels.get(name);
        if (v == null) {
            return false;
        }
        double x;
        try {
            x = switch (kind) {
                case NUMBER -> GoValues.parseFloat(v);
                case DURATION -> GoValues.parseDurationNanos(v);
                case BYTES -> GoValues.parseBytes(v);
            };
        } catch (NumberFormatException e) {
            labels.setErrorIfNone(LABEL_FILTER_ERR, e.getMessage());
            return true;
        }
        return op.test(x, value);
    }
}
