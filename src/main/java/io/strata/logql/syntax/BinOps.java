package io.strata.logql.syntax;

/** Construction of binary operations as Loki does it: leg checks and literal folding. */
final class BinOps {
    private BinOps() {
    }

    static SampleExpr make(TokenStream ts, BinaryOp op, boolean returnBool, VectorMatching matching, Expr lhs, Expr rhs) {
        if (lhs instanceof LogExpr l) {
            return ts.poison(new VectorExpr(0), "unexpected type for left leg of binary operation (" + op.symbol() + "): "
                    + goType(l));
        }
        if (rhs instanceof LogExpr r) {
            return ts.poison(new VectorExpr(0), "unexpected type for right leg of binary operation (" + op.symbol() + "): "
                    + goType(r));
        }
        SampleExpr left = (SampleExpr) lhs;
        SampleExpr right = (SampleExpr) rhs;
        LiteralExpr leftLit = left instanceof LiteralExpr x ? x : null;
        LiteralExpr rightLit = right instanceof LiteralExpr x ? x : null;
        for (LiteralExpr lit : new LiteralExpr[] {leftLit, rightLit}) {
            if (lit != null && ts.deferredError(lit) != null) {
                return ts.poison(new VectorExpr(0), ts.deferredError(lit));
            }
        }
        if (op.isSetOperator()) {
            if (leftLit != null) {
                return ts.poison(new VectorExpr(0), "unexpected literal for left leg of logical/set binary operation ("
                        + op.symbol() + "): " + GoNumbers.formatFixed6(leftLit.value()));
            }
            if (rightLit != null) {
                return ts.poison(new VectorExpr(0), "unexpected literal for right leg of logical/set binary operation ("
                        + op.symbol() + "): " + GoNumbers.formatFixed6(rightLit.value()));
            }
        }
        if (leftLit != null && rightLit != null) {
            return new LiteralExpr(fold(op, leftLit.value(), rightLit.value()));
        }
        return new BinOpExpr(op, left, right, returnBool, matching);
    }

    private static String goType(LogExpr l) {
        return l.stages().isEmpty() ? "*syntax.MatchersExpr" : "*syntax.PipelineExpr";
    }

    /** literal op literal, as Loki folds it at parse time. */
    static double fold(BinaryOp op, double l, double r) {
        return switch (op) {
            case ADD -> l + r;
            case SUB -> l - r;
            case MUL -> l * r;
            case DIV -> r == 0 ? Double.NaN : l / r;
            case MOD -> r == 0 ? Double.NaN : l % r;
            case POW -> pow(l, r);
            case EQ -> l == r ? 1 : 0;
            case NEQ -> l != r ? 1 : 0;
            case GT -> l > r ? 1 : 0;
            case GTE -> l >= r ? 1 : 0;
            case LT -> l < r ? 1 : 0;
            case LTE -> l <= r ? 1 : 0;
            case OR, AND, UNLESS -> throw new IllegalStateException("set operators do not fold");
        };
    }

    /** Go's math.Pow special cases differ from Java's for x = 1 and x = -1 with infinite y. */
    static double pow(double x, double y) {
        if (x == 1 || y == 0) {
            return 1;
        }
        if (x == -1 && Double.isInfinite(y)) {
            return 1;
        }
        return Math.pow(x, y);
    }
}
