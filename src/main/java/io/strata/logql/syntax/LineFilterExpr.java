package io.strata.logql.syntax;

import java.util.List;
import java.util.Objects;

/**
 * A line filter {@code |= "a"}, {@code !~ "re"}, {@code |> "<_> x"}, {@code |= ip("10.0.0.0/8")},
 * including 3.x {@code or} chains ({@code |= "a" or "b"}: a line passes when any operand matches).
 * Every operand uses {@link #op()}. As in Loki, a negative chain ({@code != "a" or "b"}) is
 * normalised by the parser into consecutive single filters ({@code != "a" != "b"}), so a
 * chain with more than one operand always has a positive operator.
 *
 * @param op the filter operator
 * @param operands one or more operands, in written order
 */
public record LineFilterExpr(LineFilterOp op, List<Operand> operands) implements StageExpr {
    public LineFilterExpr {
        Objects.requireNonNull(op);
        operands = List.copyOf(operands);
        if (operands.isEmpty()) {
            throw new IllegalArgumentException("a line filter needs an operand");
        }
    }

    public static LineFilterExpr of(LineFilterOp op, String value) {
        return new LineFilterExpr(op, List.of(new Operand(value, false)));
    }

    /**
     * One operand: a string (substring, regex or pattern depending on the operator) or, with
     * {@code ip == true}, the argument of {@code ip("...")}.
     */
    public record Operand(String value, boolean ip) {
        public Operand {
            Objects.requireNonNull(value);
        }
    }
}
