package io.strata.logql.engine;

import io.strata.model.Labels;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Evaluates {@code sum avg min max count stddev stdvar topk bottomk sort sort_desc approx_topk}
 * per step and group (LOGQL.md §3.12). Groups come from {@link Grouping}; topk/bottomk keep the
 * selected samples' own labels (NaN loses to any number, ties go to the smaller label set);
 * sort/sort_desc pass samples through (ordering happens when the instant result is built).
 */
final class VectorAggregationEvaluator implements StepEvaluator {
    private static final Comparator<StepSample> BY_LABELS = Comparator.comparing(StepSample::labels);

    private final Plan.VectorAggregation plan;
    private final StepEvaluator inner;
    private final Map<Labels, Labels> groupCache = new LinkedHashMap<>();

    VectorAggregationEvaluator(Plan.VectorAggregation plan, StepEvaluator inner) {
        this.plan = plan;
        this.inner = inner;
    }

    @Override
    public List<StepSample> evaluate(long step) {
        List<StepSample> in = inner.evaluate(step);
        return switch (plan.op()) {
            case SORT, SORT_DESC -> sortByValue(in);
            case TOPK, BOTTOMK, APPROX_TOPK -> select(in);
            default -> aggregate(in);
        };
    }

    /** sort / sort_desc: by value, NaN last in both directions; equal values keep input (label) order. */
    private List<StepSample> sortByValue(List<StepSample> in) {
        boolean desc = plan.op() == VectorOp.SORT_DESC;
        List<StepSample> out = new ArrayList<>(in);
        out.sort((a, b) -> {
            boolean an = Double.isNaN(a.value());
            boolean bn = Double.isNaN(b.value());
            if (an || bn) {
                return Boolean.compare(an, bn);
            }
            return desc ? Double.compare(b.value(), a.value()) : Double.compare(a.value(), b.value());
        });
        return out;
    }

    private Labels group(Labels l) {
        Labels g = groupCache.get(l);
        if (g == null) {
            g = plan.grouping().apply(l);
            if (groupCache.size() > 65536) {
                groupCache.clear();
            }
            groupCache.put(l, g);
        }
        return g;
    }

    /** Running state of one group. */
    private static final class Accumulator {
        double value;
        double mean;
        long count;
    }

    private List<StepSample> aggregate(List<StepSample> in) {
        Map<Labels, Accumulator> groups = new LinkedHashMap<>();
        for (StepSample s : in) {
            Labels key = group(s.labels());
            Accumulator a = groups.get(key);
            double x = s.value();
            if (a == null) {
                a = new Accumulator();
                a.value = plan.op() == VectorOp.STDDEV || plan.op() == VectorOp.STDVAR ? 0 : x;
                a.mean = x;
                a.count = 1;
                groups.put(key, a);
                continue;
            }
            a.count++;
            switch (plan.op()) {
                case SUM -> a.value += x;
                case MAX -> {
                    if (a.value < x || Double.isNaN(a.value)) {
                        a.value = x;
                    }
                }
                case MIN -> {
                    if (a.value > x || Double.isNaN(a.value)) {
                        a.value = x;
                    }
                }
                case AVG -> {
                    if (Double.isInfinite(a.value)) {
                        if (Double.isInfinite(x) && (a.value > 0) == (x > 0)) {
                            break;
                        }
                        if (!Double.isInfinite(x) && !Double.isNaN(x)) {
                            break;
                        }
                    }
                    a.value += x / a.count - a.value / a.count;
                }
                case STDDEV, STDVAR -> {
                    double delta = x - a.mean;
                    a.mean += delta / a.count;
                    a.value += delta * (x - a.mean);
                }
                default -> { }
            }
        }
        List<StepSample> out = new ArrayList<>(groups.size());
        for (Map.Entry<Labels, Accumulator> e : groups.entrySet()) {
            Accumulator a = e.getValue();
            double v = switch (plan.op()) {
                case COUNT -> a.count;
                case STDVAR -> a.value / a.count;
                case STDDEV -> Math.sqrt(a.value / a.count);
                default -> a.value;
            };
            out.add(new StepSample(e.getKey(), v));
        }
        return out;
    }

    /** topk / bottomk: per group the k best samples with their original labels. */
    private List<StepSample> select(List<StepSample> in) {
        boolean top = plan.op() != VectorOp.BOTTOMK;
        Comparator<StepSample> better = (a, b) -> {
            double x = a.value();
            double y = b.value();
            if (Double.isNaN(x) || Double.isNaN(y)) {
                return Boolean.compare(Double.isNaN(x), Double.isNaN(y));
            }
            int c = top ? Double.compare(y, x) : Double.compare(x, y);
            return c != 0 ? c : BY_LABELS.compare(a, b);
        };
        Map<Labels, List<StepSample>> groups = new LinkedHashMap<>();
        for (StepSample s : in) {
            groups.computeIfAbsent(group(s.labels()), k -> new ArrayList<>()).add(s);
        }
        List<StepSample> out = new ArrayList<>();
        int k = plan.parameter();
        for (List<StepSample> g : groups.values()) {
            g.sort(better);
            out.addAll(g.subList(0, Math.min(k, g.size())));
        }
        return out;
    }

    @Override
    public void close() {
        inner.close();
    }
}
