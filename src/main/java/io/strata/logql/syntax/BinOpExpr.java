package io.strata.logql.syntax;

import java.util.Objects;

/**
 * {@code left op [bool] [on|ignoring (...) [group_left|group_right (...)]] right}. Both legs are
 * metric queries; literal-op-literal never appears (the parser folds it into a {@link LiteralExpr}).
 */
public record BinOpExpr(BinaryOp op, SampleExpr left, SampleExpr right, boolean returnBool, VectorMatching matching)
        implements SampleExpr {
    public BinOpExpr {
        Objects.requireNonNull(op);
        Objects.requireNonNull(left);
        Objects.requireNonNull(right);
        Objects.requireNonNull(matching);
    }
}
