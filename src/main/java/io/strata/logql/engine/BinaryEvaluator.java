package io.strata.logql.engine;

import io.strata.model.Labels;
import io.strata.model.StrataException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Evaluates a binary operation per step (LOGQL.md §3.13).
 * <ul>
 *   <li>vector ⊕ literal (either side): per sample, labels unchanged; a comparison filters and
 *       keeps the vector's value, {@code bool} gives 0/1;</li>
 *   <li>vector ⊕ vector: samples paired by signature ({@code on}/{@code ignoring}), one-to-one or
 *       {@code group_left}/{@code group_right}, result labels as Prometheus' resultMetric, Loki's
 *       error texts for ambiguous matches;</li>
 *   <li>{@code and}/{@code or}/{@code unless}: set operations on signatures.</li>
 * </ul>
 */
final class BinaryEvaluator implements StepEvaluator {
    private final Plan.Binary plan;
    private final StepEvaluator left;
    private final StepEvaluator right;
    private final Grouping signature;

    BinaryEvaluator(Plan.Binary plan, StepEvaluator left, StepEvaluator right) {
        this.plan = plan;
        this.left = left;
        this.right = right;
        VectorMatching m = plan.matching();
        this.signature = new Grouping(!m.on(), m.labels());
    }

    @Override
    public List<StepSample> evaluate(long step) {
        List<StepSample> l = left.evaluate(step);
        List<StepSample> r = right.evaluate(step);
        if (plan.right() instanceof Plan.Literal lit) {
            return withLiteral(l, lit.value(), false);
        }
        if (plan.left() instanceof Plan.Literal lit) {
            return withLiteral(r, lit.value(), true);
        }
        return switch (plan.op()) {
            case AND -> and(l, r, true);
            case UNLESS -> and(l, r, false);
            case OR -> or(l, r);
            default -> vectors(l, r);
        };
    }

    private List<StepSample> withLiteral(List<StepSample> vector, double literal, boolean literalOnLeft) {
        BinaryOp op = plan.op();
        List<StepSample> out = new ArrayList<>(vector.size());
        for (StepSample s : vector) {
            double a = literalOnLeft ? literal : s.value();
            double b = literalOnLeft ? s.value() : literal;
            double v = op.apply(a, b);
            if (op.isComparison() && !plan.returnBool()) {
                if (v == 0) {
                    continue;
                }
                v = s.value();
            }
            out.add(new StepSample(s.labels(), v));
        }
        return out;
    }

    private Labels sig(Labels l) {
        return signature.apply(l);
    }

    private List<StepSample> and(List<StepSample> l, List<StepSample> r, boolean keepMatched) {
        Set<Labels> right = new HashSet<>();
        for (StepSample s : r) {
            right.add(sig(s.labels()));
        }
        List<StepSample> out = new ArrayList<>();
        for (StepSample s : l) {
            if (right.contains(sig(s.labels())) == keepMatched) {
                out.add(s);
            }
        }
        return out;
    }

    private List<StepSample> or(List<StepSample> l, List<StepSample> r) {
        Set<Labels> left = new HashSet<>();
        List<StepSample> out = new ArrayList<>(l);
        for (StepSample s : l) {
            left.add(sig(s.labels()));
        }
        for (StepSample s : r) {
            if (!left.contains(sig(s.labels()))) {
                out.add(s);
            }
        }
        return out;
    }

    private List<StepSample> vectors(List<StepSample> lhs, List<StepSample> rhs) {
        VectorMatching.Cardinality card = plan.matching().cardinality();
        // The "one" side is indexed; for group_right it is the left operand.
        boolean swap = card == VectorMatching.Cardinality.ONE_TO_MANY;
        List<StepSample> many = swap ? rhs : lhs;
        List<StepSample> one = swap ? lhs : rhs;
        Map<Labels, StepSample> oneSide = new HashMap<>();
        for (StepSample s : one) {
            if (oneSide.put(sig(s.labels()), s) != null) {
                throw StrataException.badRequest("found duplicate series on the "
                        + (swap ? "left" : "right")
                        + " hand-side;many-to-many matching not allowed: matching labels must be unique on one side");
            }
        }
        boolean oneToOne = card == VectorMatching.Cardinality.ONE_TO_ONE;
        Set<Labels> matchedSignatures = new HashSet<>();
        Set<Labels> resultLabels = new HashSet<>();
        List<StepSample> out = new ArrayList<>();
        for (StepSample m : many) {
            Labels key = sig(m.labels());
            StepSample o = oneSide.get(key);
            if (o == null) {
                continue;
            }
            StepSample ls = swap ? o : m;
            StepSample rs = swap ? m : o;
            double v = plan.op().apply(ls.value(), rs.value());
            if (plan.op().isComparison()) {
                if (plan.returnBool()) {
                    // value stays 0/1
                } else if (v == 0) {
                    continue;
                } else {
                    v = ls.value();
                }
            }
            if (oneToOne && !matchedSignatures.add(key)) {
                throw StrataException.badRequest(
                        "multiple matches for labels: many-to-one matching must be explicit (group_left/group_right)");
            }
            Labels metric = resultLabels(m.labels(), o.labels());
            if (!oneToOne && !resultLabels.add(metric)) {
                throw StrataException.badRequest("multiple matches for labels: grouping labels must ensure unique matches");
            }
            out.add(new StepSample(metric, v));
        }
        return out;
    }

    /** Prometheus' resultMetric: reduce to the matching labels (one-to-one), copy group_x includes from the one side. */
    private Labels resultLabels(Labels many, Labels one) {
        VectorMatching m = plan.matching();
        Labels base = many;
        if (m.cardinality() == VectorMatching.Cardinality.ONE_TO_ONE) {
            base = signature.apply(many);
        }
        if (m.include().isEmpty()) {
            return base;
        }
        Labels.Builder b = base.toBuilder();
        for (String name : m.include()) {
            String v = one.get(name);
            if (v != null && !v.isEmpty()) {
                b.set(name, v);
            } else {
                b.remove(name);
            }
        }
        return b.build();
    }

    @Override
    public void close() {
        try {
            left.close();
        } finally {
            right.close();
        }
    }
}
