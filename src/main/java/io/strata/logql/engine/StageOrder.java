package io.strata.logql.engine;

import io.strata.logql.syntax.JsonParserExpr;
import io.strata.logql.syntax.LabelFilter;
import io.strata.logql.syntax.LabelFilterExpr;
import io.strata.logql.syntax.LabelFormatExpr;
import io.strata.logql.syntax.LineFilterExpr;
import io.strata.logql.syntax.LineFilterOp;
import io.strata.logql.syntax.LineFormatExpr;
import io.strata.logql.syntax.LogfmtParserExpr;
import io.strata.logql.syntax.PatternParserExpr;
import io.strata.logql.syntax.RegexpParserExpr;
import io.strata.logql.syntax.StageExpr;
import io.strata.logql.syntax.UnpackParserExpr;
import java.util.ArrayList;
import java.util.List;

/**
 * Planning rules on the stage list that Loki 3.x applies before running a pipeline
 * (LOGQL.md §3.3, §3.9): line-filter hoisting, {@code line_format} elision in metric queries,
 * skipping parsers whose labels nobody reads, storage hints, and the preserved-error condition.
 */
final class StageOrder {
    private StageOrder() {}

    /**
     * Hoists consecutive line filters to the front of their segment; segments end at every label
     * filter, {@code line_format} and {@code unpack}, which stay after the segment they close.
     * Parsers, {@code label_format}, {@code drop}, {@code keep} and {@code decolorize} do not cut.
     */
    static List<StageExpr> reorder(List<StageExpr> stages) {
        List<StageExpr> out = new ArrayList<>(stages.size());
        List<StageExpr> filters = new ArrayList<>();
        List<StageExpr> rest = new ArrayList<>();
        for (StageExpr s : stages) {
            if (s instanceof LineFilterExpr) {
                filters.add(s);
            } else if (s instanceof LabelFilterExpr || s instanceof LineFormatExpr || s instanceof UnpackParserExpr) {
                out.addAll(filters);
                out.addAll(rest);
                out.add(s);
                filters.clear();
                rest.clear();
            } else {
                rest.add(s);
            }
        }
        out.addAll(filters);
        out.addAll(rest);
        return out;
    }

    /**
     * Removes each {@code line_format} that no later parser or line filter reads (Loki drops them
     * inside range aggregations other than the bytes functions, so their errors never fire).
     */
    static List<StageExpr> elideLineFormat(List<StageExpr> stages) {
        List<StageExpr> out = new ArrayList<>(stages.size());
        for (int i = 0; i < stages.size(); i++) {
            StageExpr s = stages.get(i);
            if (s instanceof LineFormatExpr && !readsLineLater(stages, i + 1)) {
                continue;
            }
            out.add(s);
        }
        return out;
    }

    private static boolean readsLineLater(List<StageExpr> stages, int from) {
        for (int i = from; i < stages.size(); i++) {
            if (stages.get(i) instanceof LineFilterExpr || isParser(stages.get(i))) {
                return true;
            }
        }
        return false;
    }

    static boolean isParser(StageExpr s) {
        return s instanceof JsonParserExpr || s instanceof LogfmtParserExpr || s instanceof RegexpParserExpr
                || s instanceof PatternParserExpr || s instanceof UnpackParserExpr;
    }

    /** Whether any stage reads labels (label filters and templates do). */
    static boolean readsLabels(List<StageExpr> stages) {
        for (StageExpr s : stages) {
            if (s instanceof LabelFilterExpr || s instanceof LineFormatExpr || s instanceof LabelFormatExpr) {
                return true;
            }
        }
        return false;
    }

    /** Drops parsers when nothing reads their labels (keeps unpack when line bytes matter). */
    static List<StageExpr> withoutParsers(List<StageExpr> stages, boolean keepUnpack) {
        List<StageExpr> out = new ArrayList<>(stages.size());
        for (StageExpr s : stages) {
            if (isParser(s) && !(keepUnpack && s instanceof UnpackParserExpr)) {
                continue;
            }
            out.add(s);
        }
        return out;
    }

    /**
     * Literals every surviving line contains: positive single-operand {@code |=} filters (and the
     * required literal of a single-operand {@code |~}, {@link RegexLiterals}) before any line rewrite.
     */
    static List<String> requiredSubstrings(List<StageExpr> reordered) {
        List<String> out = new ArrayList<>();
        for (StageExpr s : reordered) {
            if (!(s instanceof LineFilterExpr f)) {
                break;
            }
            if (f.op() == LineFilterOp.CONTAINS && f.operands().size() == 1 && !f.operands().get(0).ip()
                    && !f.operands().get(0).value().isEmpty()) {
                out.add(f.operands().get(0).value());
            } else if (f.op() == LineFilterOp.REGEX && f.operands().size() == 1 && !f.operands().get(0).ip()) {
                String literal = RegexLiterals.required(f.operands().get(0).value());
                if (!literal.isEmpty()) {
                    out.add(literal);
                }
            }
        }
        return out;
    }

    /** Whether {@code __error__} is named by a label filter of the pipeline or the post-unwrap filters. */
    static boolean mentionsError(List<StageExpr> stages, List<LabelFilter> postFilters) {
        for (StageExpr s : stages) {
            if (s instanceof LabelFilterExpr l && mentionsError(l.filter())) {
                return true;
            }
        }
        for (LabelFilter f : postFilters) {
            if (mentionsError(f)) {
                return true;
            }
        }
        return false;
    }

    private static boolean mentionsError(LabelFilter f) {
        return switch (f) {
            case LabelFilter.And a -> mentionsError(a.left()) || mentionsError(a.right());
            case LabelFilter.Or o -> mentionsError(o.left()) || mentionsError(o.right());
            case LabelFilter.StringFilter s -> SampleSource.ERROR_LABEL.equals(s.matcher().name());
            case LabelFilter.NumericFilter n -> SampleSource.ERROR_LABEL.equals(n.name());
            case LabelFilter.DurationFilter d -> SampleSource.ERROR_LABEL.equals(d.name());
            case LabelFilter.BytesFilter b -> SampleSource.ERROR_LABEL.equals(b.name());
            case LabelFilter.IpFilter i -> SampleSource.ERROR_LABEL.equals(i.name());
        };
    }
}
