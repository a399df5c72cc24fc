package io.strata.logql.engine;

import io.strata.logql.log.ParserHints;
import io.strata.logql.syntax.DropLabelsExpr;
import io.strata.logql.syntax.JsonParserExpr;
import io.strata.logql.syntax.KeepLabelsExpr;
import io.strata.logql.syntax.LabelFilter;
import io.strata.logql.syntax.LabelFilterExpr;
import io.strata.logql.syntax.LabelFormatExpr;
import io.strata.logql.syntax.LineFormatExpr;
import io.strata.logql.syntax.LogfmtParserExpr;
import io.strata.logql.syntax.NamedLabelMatcher;
import io.strata.logql.syntax.StageExpr;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Parser hints of a metric extraction (see {@code engine/README.md} "Parser hints"): the labels
 * read after the parsers when the result keeps only {@code by (...)} labels (or none). Null —
 * every label is extracted — for log queries, {@code without} or no grouping, and pipelines with
 * {@code line_format}/{@code label_format} templates (which may read any label).
 */
final class NeededLabels {
    private NeededLabels() {}

    /**
     * @param groupBy the {@code by} labels the result keeps ({@code List.of()} when it keeps none), or
     *                null when the result keeps every label
     */
    static ParserHints of(List<StageExpr> stages, List<LabelFilter> postFilters, String unwrapLabel,
            List<String> groupBy) {
        if (groupBy == null) {
            return null;
        }
        boolean parser = false;
        Set<String> names = new LinkedHashSet<>(groupBy);
        for (StageExpr s : stages) {
            switch (s) {
                case JsonParserExpr j -> parser |= j.extractions().isEmpty();
                case LogfmtParserExpr l -> parser |= l.extractions().isEmpty();
                case LineFormatExpr f -> {
                    return null;
                }
                case LabelFormatExpr f -> {
                    return null;
                }
                case LabelFilterExpr f -> collect(f.filter(), names);
                case DropLabelsExpr d -> matcherNames(d.labels(), names);
                case KeepLabelsExpr k -> matcherNames(k.labels(), names);
                default -> { }
            }
        }
        if (!parser) {
            return null;
        }
        if (unwrapLabel != null) {
            names.add(unwrapLabel);
        }
        for (LabelFilter f : postFilters) {
            collect(f, names);
        }
        return new ParserHints(names);
    }

    private static void matcherNames(List<NamedLabelMatcher> labels, Set<String> out) {
        for (NamedLabelMatcher m : labels) {
            if (m.name() != null) {
                out.add(m.name());
            }
            if (m.matcher() != null) {
                out.add(m.matcher().name());
            }
        }
    }

    private static void collect(LabelFilter f, Set<String> out) {
        switch (f) {
            case LabelFilter.And a -> {
                collect(a.left(), out);
                collect(a.right(), out);
            }
            case LabelFilter.Or o -> {
                collect(o.left(), out);
                collect(o.right(), out);
            }
            case LabelFilter.StringFilter s -> out.add(s.matcher().name());
            case LabelFilter.NumericFilter n -> out.add(n.name());
            case LabelFilter.DurationFilter d -> out.add(d.name());
            case LabelFilter.BytesFilter b -> out.add(b.name());
            case LabelFilter.IpFilter i -> out.add(i.name());
        }
    }
}
