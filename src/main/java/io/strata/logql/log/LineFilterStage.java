package io.strata.logql.log;

import io.strata.model.StrataException;
import java.util.ArrayList;
import java.util.List;

/**
 * A line filter as a pipeline stage. {@link #of} builds one from the operator and its {@code or}
 * chain of operands: for positive operators the line must match any operand, for negated ones
 * none ({@code != "a" or "b"} drops lines containing a or b). Every operand inherits the
 * operator. {@code != ""} drops every line; {@code |= ""} keeps every line.
 */
public final class LineFilterStage implements Stage {
    /** One operand: a string, or {@code ip("…")} when {@code ip} is true. */
    public record Operand(String value, boolean ip) {
        public static Operand of(String value) {
            return new Operand(value, false);
        }

        public static Operand ip(String value) {
            return new Operand(value, true);
        }
    }

    private final LineFilter filter;
    private final List<String> required;

    public LineFilterStage(LineFilter filter) {
        this.filter = filter;
        this.required = filter.requiredSubstrings();
    }

    public static LineFilterStage of(LineFilterOp op, List<Operand> operands) {
        return new LineFilterStage(filter(op, operands));
    }

    public static LineFilterStage of(LineFilterOp op, String operand) {
        return of(op, List.of(Operand.of(operand)));
    }

    /** The filter for an operator and its operands (the positive match, negated when needed). */
    public static LineFilter filter(LineFilterOp op, List<Operand> operands) {
        if (operands.isEmpty()) {
            throw new IllegalArgumentException("no operand");
        }
        List<LineFilter> parts = new ArrayList<>();
        for (Operand o : operands) {
            parts.add(single(op, o));
        }
        LineFilter any = parts.size() == 1 ? parts.get(0) : new AnyOfFilter(parts);
        if (!op.negated()) {
            return any;
        }
        LineFilter positive = any;
        List<String> none = List.of();
        return new LineFilter() {
            @Override
            public boolean matches(Line line) {
                return !positive.matches(line);
            }

            @Override
            public List<String> requiredSubstrings() {
                return none;
            }
        };
    }

    private static LineFilter single(LineFilterOp op, Operand o) {
        if (o.ip()) {
            if (op != LineFilterOp.CONTAINS && op != LineFilterOp.NOT_CONTAINS) {
                throw StrataException.badRequest("ip: invalid operation");
            }
            return new IpLineFilter(o.value());
        }
        return switch (op) {
            case CONTAINS, NOT_CONTAINS -> o.value().isEmpty() ? LineFilter.TRUE : new ContainsFilter(o.value(), false);
            case REGEX, NOT_REGEX -> RegexLineFilter.of(o.value());
            case PATTERN, NOT_PATTERN -> new PatternLineFilter(o.value());
        };
    }

    public LineFilter filter() {
        return filter;
    }

    /** Substrings every line kept by this stage contains (for storage scan hints). */
    public List<String> requiredSubstrings() {
        return required;
    }

    @Override
    public boolean process(long timestampNanos, Line line, LabelsBuilder labels) {
        return filter.matches(line);
    }

    @Override
    public boolean isLineFilter() {
        return true;
    }
}
