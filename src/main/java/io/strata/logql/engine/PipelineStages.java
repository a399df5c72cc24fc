package io.strata.logql.engine;

import io.strata.logql.log.CompareOp;
import io.strata.logql.log.DecolorizeStage;
import io.strata.logql.log.DropStage;
import io.strata.logql.log.Extraction;
import io.strata.logql.log.IpLabelFilter;
import io.strata.logql.log.JsonExpressionStage;
import io.strata.logql.log.JsonParserStage;
import io.strata.logql.log.KeepStage;
import io.strata.logql.log.LabelFilterStage;
import io.strata.logql.log.LabelFormatStage;
import io.strata.logql.log.LineFilterStage;
import io.strata.logql.log.LineFormatStage;
import io.strata.logql.log.LogfmtExpressionStage;
import io.strata.logql.log.LogfmtParserStage;
import io.strata.logql.log.NumericLabelFilter;
import io.strata.logql.log.ParserHints;
import io.strata.logql.log.PatternParserStage;
import io.strata.logql.log.RegexpParserStage;
import io.strata.logql.log.Stage;
import io.strata.logql.log.StringLabelFilter;
import io.strata.logql.log.UnpackStage;
import io.strata.logql.syntax.ComparisonOp;
import io.strata.logql.syntax.DecolorizeExpr;
import io.strata.logql.syntax.DropLabelsExpr;
import io.strata.logql.syntax.JsonParserExpr;
import io.strata.logql.syntax.KeepLabelsExpr;
import io.strata.logql.syntax.LabelExtraction;
import io.strata.logql.syntax.LabelFilter;
import io.strata.logql.syntax.LabelFilterExpr;
import io.strata.logql.syntax.LabelFormatExpr;
import io.strata.logql.syntax.LineFilterExpr;
import io.strata.logql.syntax.LineFormatExpr;
import io.strata.logql.syntax.LogfmtParserExpr;
import io.strata.logql.syntax.NamedLabelMatcher;
import io.strata.logql.syntax.PatternParserExpr;
import io.strata.logql.syntax.RegexpParserExpr;
import io.strata.logql.syntax.StageExpr;
import io.strata.logql.syntax.UnpackParserExpr;
import io.strata.model.Matcher;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the runtime stages of {@code io.strata.logql.log} from syntax stages: the planner's only
 * use of their constructors, so the two trees stay apart.
 */
final class PipelineStages {
    private PipelineStages() {}

    static List<Stage> build(List<StageExpr> stages) {
        return build(stages, null);
    }

    /** @param hints the labels json/logfmt parsers extract, or null for all */
    static List<Stage> build(List<StageExpr> stages, ParserHints hints) {
        List<Stage> out = new ArrayList<>(stages.size());
        for (StageExpr s : stages) {
            out.add(stage(s, hints));
        }
        return out;
    }

    static Stage stage(StageExpr s) {
        return stage(s, null);
    }

    static Stage stage(StageExpr s, ParserHints hints) {
        return switch (s) {
            case LineFilterExpr f -> LineFilterStage.of(
                    io.strata.logql.log.LineFilterOp.valueOf(f.op().name()),
                    f.operands().stream().map(o -> new LineFilterStage.Operand(o.value(), o.ip())).toList());
            case JsonParserExpr j -> j.extractions().isEmpty() ? new JsonParserStage(hints)
                    : new JsonExpressionStage(extractions(j.extractions()));
            case LogfmtParserExpr l -> l.extractions().isEmpty() ? new LogfmtParserStage(l.strict(), l.keepEmpty(), hints)
                    : new LogfmtExpressionStage(extractions(l.extractions()), l.strict());
            case RegexpParserExpr r -> new RegexpParserStage(r.regex());
            case PatternParserExpr p -> new PatternParserStage(p.pattern());
            case UnpackParserExpr u -> new UnpackStage();
            case LabelFilterExpr f -> labelFilter(f.filter());
            case LineFormatExpr f -> new LineFormatStage(f.template());
            case LabelFormatExpr f -> new LabelFormatStage(f.formats().stream()
                    .map(x -> new LabelFormatStage.Format(x.name(), x.value(), x.rename())).toList());
            case DropLabelsExpr d -> new DropStage(names(d.labels()), matchers(d.labels()));
            case KeepLabelsExpr k -> new KeepStage(names(k.labels()), matchers(k.labels()));
            case DecolorizeExpr d -> new DecolorizeStage();
        };
    }

    static Stage labelFilter(LabelFilter f) {
        return new LabelFilterStage(filter(f));
    }

    private static io.strata.logql.log.LabelFilter filter(LabelFilter f) {
        return switch (f) {
            case LabelFilter.And a -> new io.strata.logql.log.LabelFilter.And(filter(a.left()), filter(a.right()));
            case LabelFilter.Or o -> new io.strata.logql.log.LabelFilter.Or(filter(o.left()), filter(o.right()));
            case LabelFilter.StringFilter s -> new StringLabelFilter(s.matcher());
            case LabelFilter.NumericFilter n -> NumericLabelFilter.number(n.name(), op(n.op()), n.value());
            case LabelFilter.DurationFilter d -> NumericLabelFilter.duration(d.name(), op(d.op()), d.value().toNanos());
            case LabelFilter.BytesFilter b -> NumericLabelFilter.bytes(b.name(), op(b.op()), (double) b.bytes());
            case LabelFilter.IpFilter i -> new IpLabelFilter(i.name(), !i.equal(), i.pattern());
        };
    }

    private static CompareOp op(ComparisonOp op) {
        return switch (op) {
            case EQ -> CompareOp.EQ;
            case NEQ -> CompareOp.NE;
            case GT -> CompareOp.GT;
            case GTE -> CompareOp.GE;
            case LT -> CompareOp.LT;
            case LTE -> CompareOp.LE;
        };
    }

    private static List<Extraction> extractions(List<LabelExtraction> in) {
        return in.stream().map(e -> new Extraction(e.label(), e.expression())).toList();
    }

    private static List<String> names(List<NamedLabelMatcher> in) {
        return in.stream().filter(n -> n.matcher() == null).map(NamedLabelMatcher::name).toList();
    }

    private static List<Matcher> matchers(List<NamedLabelMatcher> in) {
        return in.stream().filter(n -> n.matcher() != null).map(NamedLabelMatcher::matcher).toList();
    }
}
