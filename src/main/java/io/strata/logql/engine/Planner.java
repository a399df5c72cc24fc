package io.strata.logql.engine;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import io.strata.logql.log.Conversion;
import io.strata.logql.log.ParserHints;
import io.strata.logql.log.Pipeline;
import io.strata.logql.log.SampleExtractor;
import io.strata.logql.log.Stage;
import io.strata.logql.syntax.BinOpExpr;
import io.strata.logql.syntax.Expr;
import io.strata.logql.syntax.LabelFilter;
import io.strata.logql.syntax.LabelReplaceExpr;
import io.strata.logql.syntax.LiteralExpr;
import io.strata.logql.syntax.LogExpr;
import io.strata.logql.syntax.LogRangeExpr;
import io.strata.logql.syntax.RangeAggregationExpr;
import io.strata.logql.syntax.RangeOp;
import io.strata.logql.syntax.SampleExpr;
import io.strata.logql.syntax.StageExpr;
import io.strata.logql.syntax.UnwrapExpr;
import io.strata.logql.syntax.VectorAggregationExpr;
import io.strata.logql.syntax.VectorExpr;
import io.strata.model.Labels;
import io.strata.model.MatchType;
import io.strata.model.Matcher;
import io.strata.model.StrataException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Maps the syntax tree to the plan tree (STYLE.md "three trees"): reorders stages as Loki does,
 * builds the runtime stages of {@code io.strata.logql.log}, pushes {@code sum [by]} grouping into
 * additive range aggregations (so their extraction needs fewer labels), skips parsers nobody
 * reads, and decides where parser errors are preserved. Stateless; a plan is built per execution.
 */
public final class Planner {
    private static final Set<RangeOp> ADDITIVE = Set.of(RangeOp.COUNT_OVER_TIME, RangeOp.RATE,
            RangeOp.BYTES_OVER_TIME, RangeOp.BYTES_RATE, RangeOp.SUM_OVER_TIME);

    private final boolean parserHints;

    public Planner() {
        this(true);
    }

    /** @param parserHints whether metric extractions parse only the labels they read (false: tests compare) */
    public Planner(boolean parserHints) {
        this.parserHints = parserHints;
    }

    public Plan plan(Expr expr) {
        return switch (expr) {
            case LogExpr l -> logSelection(l);
            case SampleExpr s -> metric(s);
        };
    }

    private Plan.LogSelection logSelection(LogExpr log) {
        List<StageExpr> stages = StageOrder.reorder(log.stages());
        Pipeline pipeline = new Pipeline(PipelineStages.build(stages));
        return new Plan.LogSelection(log.matchers(), StageOrder.requiredSubstrings(stages), new PipelineEntries(pipeline));
    }

    private Plan.Metric metric(SampleExpr expr) {
        return switch (expr) {
            case RangeAggregationExpr r -> rangeAggregation(r, null);
            case VectorAggregationExpr v -> {
                Plan.Metric inner;
                if (v.op() == io.strata.logql.syntax.VectorOp.SUM && !v.grouping().without()
                        && v.inner() instanceof RangeAggregationExpr r && ADDITIVE.contains(r.op())
                        && r.grouping() == null) {
                    inner = rangeAggregation(r, v.grouping());
                } else {
                    inner = metric(v.inner());
                }
                yield new Plan.VectorAggregation(VectorOp.valueOf(v.op().name()), grouping(v.grouping()),
                        v.parameter(), inner);
            }
            case BinOpExpr b -> new Plan.Binary(BinaryOp.valueOf(b.op().name()), b.returnBool(),
                    matching(b.matching()), metric(b.left()), metric(b.right()));
            case LiteralExpr l -> new Plan.Literal(l.value());
            case VectorExpr v -> new Plan.VectorLiteral(v.value());
            case LabelReplaceExpr r -> new Plan.LabelReplace(metric(r.inner()), r.dst(), r.replacement(), r.src(),
                    compileAnchored(r.regex()));
        };
    }

    /**
     * @param pushedGrouping the {@code by} grouping of an enclosing {@code sum} over an additive
     *                       function, or null
     */
    private Plan.RangeAggregation rangeAggregation(RangeAggregationExpr r, io.strata.logql.syntax.Grouping pushedGrouping) {
        LogRangeExpr range = r.range();
        UnwrapExpr unwrap = range.unwrap();
        boolean bytes = r.op() == RangeOp.BYTES_OVER_TIME || r.op() == RangeOp.BYTES_RATE;
        List<StageExpr> stages = StageOrder.reorder(range.log().stages());
        if (!bytes) {
            stages = StageOrder.elideLineFormat(stages);
        }
        List<LabelFilter> postFilters = unwrap == null ? List.of() : unwrap.postFilters();
        boolean noLabels = pushedGrouping != null && pushedGrouping.labels().isEmpty();
        if (noLabels && unwrap == null && !StageOrder.readsLabels(stages)) {
            stages = StageOrder.withoutParsers(stages, bytes);
        }
        io.strata.logql.syntax.Grouping g = pushedGrouping != null ? pushedGrouping : r.grouping();
        boolean grouped = g != null && !g.without();
        Grouping preserve = null;
        if (grouped && (g.labels().contains(SampleSource.ERROR_LABEL) || StageOrder.mentionsError(stages, postFilters))) {
            preserve = grouping(g);
        }
        if (stages.isEmpty() && unwrap == null) {
            Grouping direct = noLabels ? new Grouping(false, List.of()) : g == null ? null : grouping(g);
            return new Plan.RangeAggregation(RangeFunction.valueOf(r.op().name()), r.parameter().orElse(0),
                    range.log().matchers(), List.of(), new DirectSamples(bytes, direct), range.range().toNanos(),
                    range.offset().toNanos(), absentLabels(range.log().matchers()));
        }
        SampleExtractor extractor = extractor(stages, null, unwrap, bytes, postFilters, g, noLabels);
        ParserHints hints = null;
        if (parserHints) {
            List<String> kept = noLabels ? List.of() : grouped && !g.labels().isEmpty() ? g.labels() : null;
            hints = NeededLabels.of(stages, postFilters, unwrap == null ? null : unwrap.label(), kept);
        }
        SampleSource samples = hints == null ? new ExtractorSamples(extractor, preserve)
                : new ExtractorSamples(extractor(stages, hints, unwrap, bytes, postFilters, g, noLabels), extractor,
                        preserve);
        return new Plan.RangeAggregation(RangeFunction.valueOf(r.op().name()), r.parameter().orElse(0),
                range.log().matchers(), StageOrder.requiredSubstrings(stages), samples,
                range.range().toNanos(), range.offset().toNanos(), absentLabels(range.log().matchers()));
    }

    private static SampleExtractor extractor(List<StageExpr> stages, ParserHints hints, UnwrapExpr unwrap,
            boolean bytes, List<LabelFilter> postFilters, io.strata.logql.syntax.Grouping g, boolean noLabels) {
        Pipeline pipeline = new Pipeline(PipelineStages.build(stages, hints));
        SampleExtractor.Kind kind = unwrap != null ? SampleExtractor.Kind.UNWRAP
                : bytes ? SampleExtractor.Kind.BYTES : SampleExtractor.Kind.COUNT;
        List<Stage> post = new ArrayList<>();
        for (LabelFilter f : postFilters) {
            post.add(PipelineStages.labelFilter(f));
        }
        return new SampleExtractor(pipeline, kind, unwrap == null ? null : unwrap.label(),
                unwrap == null ? null : conversion(unwrap.conversion()), post,
                g == null ? null : g.labels(), g != null && g.without(), noLabels);
    }

    private static Conversion conversion(UnwrapExpr.UnwrapConversion c) {
        return switch (c) {
            case NONE -> Conversion.FLOAT;
            case BYTES -> Conversion.BYTES;
            case DURATION, DURATION_SECONDS -> Conversion.DURATION;
        };
    }

    /** absent_over_time's labels: the selector's {@code =} matchers, minus names also used by another matcher type. */
    static Labels absentLabels(List<Matcher> matchers) {
        Set<String> excluded = new HashSet<>();
        for (Matcher m : matchers) {
            if (m.type() != MatchType.EQUAL) {
                excluded.add(m.name());
            }
        }
        Labels.Builder b = Labels.builder();
        for (Matcher m : matchers) {
            if (m.type() == MatchType.EQUAL && !excluded.contains(m.name()) && !b.has(m.name())) {
                b.set(m.name(), m.value());
            }
        }
        return b.build();
    }

    private static Grouping grouping(io.strata.logql.syntax.Grouping g) {
        return g == null ? Grouping.NONE : new Grouping(g.without(), g.labels());
    }

    private static VectorMatching matching(io.strata.logql.syntax.VectorMatching m) {
        return new VectorMatching(VectorMatching.Cardinality.valueOf(m.card().name()), m.on(), m.labels(), m.include());
    }

    private static Pattern compileAnchored(String regex) {
        try {
            return Pattern.compile("^(?:" + regex + ")$");
        } catch (PatternSyntaxException e) {
            throw StrataException.badRequest("parse error : invalid regex in label_replace: error parsing regexp: "
                    + e.getDescription() + ": `" + e.getPattern() + "`");
        }
    }
}
