package io.strata.logql.syntax;

import io.strata.model.MatchType;
import io.strata.model.Matcher;
import java.time.Duration;
import java.util.List;

/**
 * Renders an AST the way Loki does. {@link #print} is Loki's single-line {@code String()} form
 * (the canonical form: {@code parse(print(parse(q)))} equals {@code parse(q)} except where
 * Loki's own rendering loses information, see README.md). {@link #pretty} is Loki's
 * {@code Prettify}, which is what {@code /loki/api/v1/format_query} returns: the single-line
 * form when it fits in 100 bytes, an indented multi-line form otherwise.
 */
public final class LogqlPrinter {
    private LogqlPrinter() {
    }

    /** Loki's {@code Expr.String()}. */
    public static String print(Expr e) {
        StringBuilder sb = new StringBuilder(64);
        expr(sb, e);
        return sb.toString();
    }

    /** Loki's {@code syntax.Prettify} with its default width of 100. */
    public static String pretty(Expr e) {
        return new PrettyPrinter(100).expr(e, 0);
    }

    /** {@code Prettify} with another line width (Loki's tests use 20). */
    public static String pretty(Expr e, int maxCharsPerLine) {
        return new PrettyPrinter(maxCharsPerLine).expr(e, 0);
    }

    static void expr(StringBuilder sb, Expr e) {
        switch (e) {
            case LogExpr l -> log(sb, l);
            case RangeAggregationExpr r -> {
                sb.append(r.op().function()).append('(');
                if (r.parameter().isPresent()) {
                    sb.append(GoNumbers.formatF(r.parameter().getAsDouble())).append(',');
                }
                logRange(sb, r.range());
                sb.append(')');
                if (r.grouping() != null) {
                    grouping(sb, r.grouping());
                }
            }
            case VectorAggregationExpr v -> {
                sb.append(v.op().function());
                if (!v.grouping().singleton()) {
                    grouping(sb, v.grouping());
                }
                sb.append('(');
                if (v.op().takesParameter() || v.parameter() != 0) {
                    sb.append(v.parameter()).append(',');
                }
                expr(sb, v.inner());
                sb.append(')');
            }
            case BinOpExpr b -> {
                sb.append('(');
                expr(sb, b.left());
                sb.append(' ').append(binaryOp(b)).append(' ');
                expr(sb, b.right());
                sb.append(')');
            }
            case LiteralExpr l -> sb.append(GoNumbers.formatG(l.value()));
            case VectorExpr v -> sb.append("vector(").append(GoNumbers.formatFixed6(v.value())).append(')');
            case LabelReplaceExpr l -> {
                sb.append("label_replace(");
                expr(sb, l.inner());
                for (String s : new String[] {l.dst(), l.replacement(), l.src(), l.regex()}) {
                    sb.append(',');
                    GoStrings.appendQuoted(sb, s);
                }
                sb.append(')');
            }
        }
    }

    /** The operator with its modifiers, as Loki's BinOpExpr.String() writes it. */
    static String binaryOp(BinOpExpr b) {
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
            group = group + " (" + String.join(",", m.include()) + ")";
        }
        if (m.on() || !m.labels().isEmpty()) {
            op = op + " " + (m.on() ? "on" : "ignoring") + " (" + String.join(",", m.labels()) + ") " + group;
        }
        return op;
    }

    static void grouping(StringBuilder sb, Grouping g) {
        sb.append(g.without() ? " without (" : " by (").append(String.join(",", g.labels())).append(')');
    }

    static void log(StringBuilder sb, LogExpr l) {
        selector(sb, l.matchers());
        for (StageExpr s : l.stages()) {
            sb.append(' ');
            stage(sb, s);
        }
    }

    static void selector(StringBuilder sb, List<Matcher> matchers) {
        sb.append('{');
        for (int i = 0; i < matchers.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            matcher(sb, matchers.get(i));
        }
        sb.append('}');
    }

    /** Prometheus' Matcher.String(): the name is quoted when it is not a legacy label name. */
    static void matcher(StringBuilder sb, Matcher m) {
        if (legacyName(m.name())) {
            sb.append(m.name());
        } else {
            GoStrings.appendQuoted(sb, m.name());
        }
        sb.append(m.type().symbol());
        GoStrings.appendQuoted(sb, m.value());
    }

    private static boolean legacyName(String n) {
        if (n.isEmpty()) {
            return false;
        }
        for (int i = 0; i < n.length(); i++) {
            char c = n.charAt(i);
            boolean ok = c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (i > 0 && c >= '0' && c <= '9');
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    static void logRange(StringBuilder sb, LogRangeExpr r) {
        log(sb, r.log());
        if (r.unwrap() != null) {
            unwrap(sb, r.unwrap());
        }
        sb.append('[').append(GoDurations.formatPrometheus(r.range())).append(']');
        if (!r.offset().isZero()) {
            sb.append(" offset ").append(GoDurations.formatGo(r.offset()));
        }
    }

    static void unwrap(StringBuilder sb, UnwrapExpr u) {
        sb.append(" | unwrap ");
        unwrapTarget(sb, u);
        for (LabelFilter f : u.postFilters()) {
            sb.append(" | ");
            labelFilter(sb, f);
        }
    }

    static void unwrapTarget(StringBuilder sb, UnwrapExpr u) {
        if (u.conversion() == UnwrapExpr.UnwrapConversion.NONE) {
            sb.append(u.label());
        } else {
            sb.append(u.conversion().function()).append('(').append(u.label()).append(')');
        }
    }

    static void stage(StringBuilder sb, StageExpr s) {
        switch (s) {
            case LineFilterExpr f -> lineFilter(sb, f, true);
            case LogfmtParserExpr p -> {
                sb.append("| logfmt");
                if (p.extractions().isEmpty()) {
                    sb.append(p.strict() ? " --strict" : "").append(p.keepEmpty() ? " --keep-empty" : "");
                } else {
                    sb.append(' ').append(p.strict() ? "--strict " : "").append(p.keepEmpty() ? "--keep-empty " : "");
                    extractions(sb, p.extractions());
                }
            }
            case JsonParserExpr j -> {
                sb.append("| json");
                if (!j.extractions().isEmpty()) {
                    sb.append(' ');
                    extractions(sb, j.extractions());
                }
            }
            case RegexpParserExpr r -> GoStrings.appendQuoted(sb.append("| regexp "), r.regex());
            case PatternParserExpr p -> GoStrings.appendQuoted(sb.append("| pattern "), p.pattern());
            case UnpackParserExpr u -> sb.append("| unpack");
            case DecolorizeExpr d -> sb.append("| decolorize");
            case LineFormatExpr l -> GoStrings.appendQuoted(sb.append("| line_format "), l.template());
            case LabelFilterExpr l -> labelFilter(sb.append("| "), l.filter());
            case LabelFormatExpr l -> {
                sb.append("| label_format ");
                for (int i = 0; i < l.formats().size(); i++) {
                    LabelFormatExpr.LabelFormat f = l.formats().get(i);
                    if (i > 0) {
                        sb.append(',');
                    }
                    sb.append(f.name()).append('=');
                    if (f.rename()) {
                        sb.append(f.value());
                    } else {
                        GoStrings.appendQuoted(sb, f.value());
                    }
                }
            }
            case DropLabelsExpr d -> named(sb.append("| drop "), d.labels());
            case KeepLabelsExpr k -> named(sb.append("| keep "), k.labels());
        }
    }

    /** A line filter; with {@code allOperands == false} only the first operand (Loki's pretty form). */
    static void lineFilter(StringBuilder sb, LineFilterExpr f, boolean allOperands) {
        sb.append(f.op().symbol()).append(' ');
        int n = allOperands ? f.operands().size() : 1;
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                sb.append(" or ");
            }
            LineFilterExpr.Operand o = f.operands().get(i);
            if (o.ip()) {
                GoStrings.appendQuoted(sb.append("ip("), o.value());
                sb.append(')');
            } else {
                GoStrings.appendQuoted(sb, o.value());
            }
        }
    }

    private static void extractions(StringBuilder sb, List<LabelExtraction> xs) {
        for (int i = 0; i < xs.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(xs.get(i).label()).append('=');
            GoStrings.appendQuoted(sb, xs.get(i).expression());
        }
    }

    private static void named(StringBuilder sb, List<NamedLabelMatcher> xs) {
        for (int i = 0; i < xs.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            NamedLabelMatcher n = xs.get(i);
            if (n.matcher() != null) {
                matcher(sb, n.matcher());
            } else {
                sb.append(n.name());
            }
        }
    }

    static void labelFilter(StringBuilder sb, LabelFilter f) {
        switch (f) {
            case LabelFilter.And a -> {
                labelFilter(sb.append("( "), a.left());
                labelFilter(sb.append(" , "), a.right());
                sb.append(" )");
            }
            case LabelFilter.Or o -> {
                labelFilter(sb.append("( "), o.left());
                labelFilter(sb.append(" or "), o.right());
                sb.append(" )");
            }
            case LabelFilter.StringFilter s -> {
                Matcher m = s.matcher();
                if (m.type() == MatchType.REGEX && !RegexShape.simplifiable(m.value())) {
                    sb.append(m.name()).append("=~");
                    if (m.value().indexOf('`') >= 0) {
                        GoStrings.appendQuoted(sb, m.value());
                    } else {
                        sb.append('`').append(m.value()).append('`');
                    }
                } else {
                    matcher(sb, m);
                }
            }
            case LabelFilter.NumericFilter n ->
                    sb.append(n.name()).append(n.op().symbol()).append(GoNumbers.formatF(n.value()));
            case LabelFilter.DurationFilter d ->
                    sb.append(d.name()).append(d.op().symbol()).append(GoDurations.formatGo(d.value()));
            case LabelFilter.BytesFilter b ->
                    sb.append(b.name()).append(b.op().symbol()).append(GoNumbers.humanBytes(b.bytes()).replace(" ", ""));
            case LabelFilter.IpFilter ip -> {
                sb.append(ip.name()).append(ip.equal() ? "=" : "!=").append("ip(");
                GoStrings.appendQuoted(sb, ip.pattern());
                sb.append(')');
            }
        }
    }

    static String offsetPrometheus(Duration d) {
        return GoDurations.formatPrometheus(d);
    }
}
