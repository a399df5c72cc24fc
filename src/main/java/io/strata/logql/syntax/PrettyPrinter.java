package io.strata.logql.syntax;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Loki's {@code Prettify}: any node whose single-line form is longer than the width (in bytes)
 * is split over several lines, two spaces of indentation per level. Quirks kept on purpose
 * (they are what format_query returns): offsets use Prometheus duration form only in split
 * nodes, a split line-filter chain prints only the first operand of an {@code or} chain,
 * {@code decolorize} is never indented, {@code on()} / {@code ignoring()} without labels vanish.
 */
final class PrettyPrinter {
    private final int width;

    PrettyPrinter(int width) {
        this.width = width;
    }

    private static String indent(int level) {
        return "  ".repeat(level);
    }

    private boolean fits(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length <= width;
    }

    String expr(Expr e, int level) {
        String flat = LogqlPrinter.print(e);
        switch (e) {
            case LogExpr l -> {
                return log(l, level);
            }
            case RangeAggregationExpr r -> {
                if (fits(flat)) {
                    return indent(level) + flat;
                }
                StringBuilder sb = new StringBuilder(indent(level)).append(r.op().function()).append("(\n");
                if (r.parameter().isPresent()) {
                    sb.append(indent(level + 1)).append(GoNumbers.formatG(r.parameter().getAsDouble())).append(",\n");
                }
                sb.append(logRange(r.range(), level + 1));
                sb.append('\n').append(indent(level)).append(')');
                if (r.grouping() != null) {
                    sb.append(grouping(r.grouping()));
                }
                return sb.toString();
            }
            case VectorAggregationExpr v -> {
                if (fits(flat)) {
                    return indent(level) + flat;
                }
                List<String> params = new ArrayList<>();
                boolean k = v.op() == VectorOp.TOPK || v.op() == VectorOp.BOTTOMK || v.parameter() != 0;
                if (k) {
                    params.add(indent(level + 1) + v.parameter());
                }
                params.add(expr(v.inner(), level + 1));
                return indent(level) + v.op().function() + grouping(v.grouping()) + "(\n"
                        + String.join(",\n", params) + "\n" + indent(level) + ")";
            }
            case BinOpExpr b -> {
                if (fits(flat)) {
                    return indent(level) + flat;
                }
                return expr(b.left(), level + 1) + "\n" + indent(level) + binaryOp(b) + "\n" + expr(b.right(), level + 1);
            }
            case LabelReplaceExpr l -> {
                if (fits(flat)) {
                    return indent(level) + flat;
                }
                String i1 = indent(level + 1);
                return indent(level) + "label_replace(\n" + expr(l.inner(), level + 1) + ",\n"
                        + i1 + GoStrings.quote(l.dst()) + ",\n" + i1 + GoStrings.quote(l.replacement()) + ",\n"
                        + i1 + GoStrings.quote(l.src()) + ",\n" + i1 + GoStrings.quote(l.regex()) + "\n"
                        + indent(level) + ")";
            }
            case LiteralExpr l -> {
                return indent(level) + flat;
            }
            case VectorExpr v -> {
                return indent(level) + flat;
            }
        }
    }

    private static String grouping(Grouping g) {
        StringBuilder sb = new StringBuilder();
        if (g.without()) {
            sb.append(" without");
        } else if (!g.labels().isEmpty()) {
            sb.append(" by");
        }
        if (!g.labels().isEmpty()) {
            sb.append(" (").append(String.join(", ", g.labels())).append(')');
        }
        return sb.toString();
    }

    private static String binaryOp(BinOpExpr b) {
        String op = b.op().symbol();
        if (b.returnBool()) {
            op += " bool";
        }
        VectorMatching m = b.matching();
        String group = switch (m.card()) {
            case MANY_TO_ONE -> "group_left";
            case ONE_TO_MANY -> "group_right";
            case ONE_TO_ONE -> "";
        };
        if (!m.include().isEmpty()) {
            group = group + " (" + String.join(", ", m.include()) + ")";
        }
        if (!m.labels().isEmpty()) {
            op = op + " " + (m.on() ? "on" : "ignoring") + " (" + String.join(", ", m.labels()) + ") " + group;
        }
        return op;
    }

    private String log(LogExpr l, int level) {
        String flat = LogqlPrinter.print(l);
        if (l.stages().isEmpty() || fits(flat)) {
            return indent(level) + flat;
        }
        StringBuilder sel = new StringBuilder();
        LogqlPrinter.selector(sel, l.matchers());
        List<String> parts = new ArrayList<>();
        List<StageExpr> stages = l.stages();
        int i = 0;
        while (i < stages.size()) {
            if (stages.get(i) instanceof LineFilterExpr) {
                List<LineFilterExpr> chain = new ArrayList<>();
                while (i < stages.size() && stages.get(i) instanceof LineFilterExpr f) {
                    chain.add(f);
                    i++;
                }
                parts.add(lineFilters(chain, level + 1));
            } else {
                StringBuilder sb = new StringBuilder();
                LogqlPrinter.stage(sb, stages.get(i));
                parts.add(stages.get(i) instanceof DecolorizeExpr ? sb.toString() : indent(level + 1) + sb);
                i++;
            }
        }
        return indent(level) + sel + "\n" + String.join("\n", parts);
    }

    /** A chain of consecutive line filters (one stage in Loki's AST). */
    private String lineFilters(List<LineFilterExpr> chain, int level) {
        String flat = chainString(chain);
        if (fits(flat)) {
            return indent(level) + flat;
        }
        String left = chain.size() > 1 ? lineFilters(chain.subList(0, chain.size() - 1), level) + "\n" : "";
        StringBuilder sb = new StringBuilder();
        LogqlPrinter.lineFilter(sb, chain.get(chain.size() - 1), false);
        return left + indent(level) + sb;
    }

    private static String chainString(List<LineFilterExpr> chain) {
        StringBuilder sb = new StringBuilder();
        for (LineFilterExpr f : chain) {
            if (!sb.isEmpty()) {
                sb.append(' ');
            }
            LogqlPrinter.lineFilter(sb, f, true);
        }
        return sb.toString();
    }

    private String logRange(LogRangeExpr r, int level) {
        StringBuilder sb = new StringBuilder(log(r.log(), level));
        if (r.unwrap() != null) {
            String in = indent(level + 1);
            StringBuilder u = new StringBuilder(in).append("| unwrap ");
            LogqlPrinter.unwrapTarget(u, r.unwrap());
            for (LabelFilter f : r.unwrap().postFilters()) {
                u.append('\n').append(in).append("| ");
                LogqlPrinter.labelFilter(u, f);
            }
            sb.append('\n').append(u);
        }
        sb.append(" [").append(GoDurations.formatPrometheus(r.range())).append(']');
        if (!r.offset().isZero()) {
            sb.append(" offset ").append(GoDurations.formatPrometheus(r.offset()));
        }
        return sb.toString();
    }
}
