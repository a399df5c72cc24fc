package io.strata.logql.syntax;

import io.strata.model.Matcher;
import io.strata.model.StrataException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * LogQL parser: recursive descent over {@link Lexer} tokens, accepting what Loki's yacc grammar
 * accepts and failing with Loki's error texts. Errors Loki raises in its post-parse validation
 * (aggregation parameters, unwrap rules, selector emptiness, binary-operation legs, ...) are
 * reported after a successful parse, in the same pre-order as Loki's validator. Thread-safe
 * (a fresh parser state per call).
 */
public final class LogqlParser {
    /** Loki rejects queries whose byte length is at least this. */
    public static final int MAX_INPUT_SIZE = 131072;

    static final String ERR_EMPTY_COMPATIBLE = "queries require at least one regexp or equality matcher that does not "
            + "have an empty-compatible value. For instance, app=~\".*\" does not meet this requirement, but "
            + "app=~\".+\" will";

    private final TokenStream ts;
    private final PipelineParser pipes;

    private LogqlParser(String input) {
        this.ts = new TokenStream(input);
        this.pipes = new PipelineParser(ts);
    }

    /** Parses and validates a query (Loki's {@code ParseExpr}). */
    public static Expr parse(String query) {
        LogqlParser p = new LogqlParser(checkSize(query));
        Expr e = p.root();
        p.validate(e);
        return e;
    }

    /** Parses without the validation pass (Loki's {@code ParseExprWithoutValidation}). */
    public static Expr parseWithoutValidation(String query) {
        return new LogqlParser(checkSize(query)).root();
    }

    /** Parses a log query ({@code {app="a"} |= "x"}); anything else is an error. */
    public static LogExpr parseLogSelector(String query, boolean validate) {
        LogqlParser p = new LogqlParser(checkSize(query));
        Expr e = p.root();
        if (!(e instanceof LogExpr log)) {
            throw StrataException.badRequest("only log selector is supported");
        }
        if (validate) {
            p.validate(e);
        }
        return log;
    }

    /** Parses and validates a metric query; a log query is an error. */
    public static SampleExpr parseSampleExpr(String query) {
        Expr e = parse(query);
        if (!(e instanceof SampleExpr s)) {
            throw StrataException.badRequest("only sample expression supported");
        }
        return s;
    }

    private static String checkSize(String query) {
        int bytes = query.length() < MAX_INPUT_SIZE / 3 ? query.length() : utf8Length(query);
        if (bytes >= MAX_INPUT_SIZE) {
            throw new ParseException("input size too long (" + bytes + " > " + MAX_INPUT_SIZE + ")");
        }
        return query;
    }

    private static int utf8Length(String s) {
        if (s.length() < MAX_INPUT_SIZE / 3) {
            return s.length();
        }
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    // ------------------------------------------------------------------ expressions

    private Expr root() {
        Expr e = expr(0);
        if (ts.kind() != Tok.EOF) {
            throw ts.unexpected();
        }
        return e;
    }

    private static BinaryOp binaryOp(Tok k) {
        return switch (k) {
            case OR -> BinaryOp.OR;
            case AND -> BinaryOp.AND;
            case UNLESS -> BinaryOp.UNLESS;
            case CMP_EQ -> BinaryOp.EQ;
            case NEQ -> BinaryOp.NEQ;
            case GT -> BinaryOp.GT;
            case GTE -> BinaryOp.GTE;
            case LT -> BinaryOp.LT;
            case LTE -> BinaryOp.LTE;
            case ADD -> BinaryOp.ADD;
            case SUB -> BinaryOp.SUB;
            case MUL -> BinaryOp.MUL;
            case DIV -> BinaryOp.DIV;
            case MOD -> BinaryOp.MOD;
            case POW -> BinaryOp.POW;
            default -> null;
        };
    }

    /** Precedence climbing over binary operators; legs may be log queries (rejected in validation). */
    private Expr expr(int minPrec) {
        ts.enter();
        try {
            Expr left = unary();
            int chain = 0;
            while (true) {
                BinaryOp op = binaryOp(ts.kind());
                if (op == null || op.precedence() < minPrec) {
                    return left;
                }
                if (++chain > TokenStream.MAX_DEPTH) {
                    throw ts.tooDeep(); // a long operator chain builds a deep tree: bound it too
                }
                ts.advance();
                boolean returnBool = ts.accept(Tok.BOOL);
                VectorMatching matching = vectorMatching();
                Expr right = expr(op.rightAssociative() ? op.precedence() : op.precedence() + 1);
                left = BinOps.make(ts, op, returnBool, matching, left, right);
            }
        } finally {
            ts.leave();
        }
    }

    private VectorMatching vectorMatching() {
        boolean on;
        if (ts.accept(Tok.ON)) {
            on = true;
        } else if (ts.accept(Tok.IGNORING)) {
            on = false;
        } else {
            return VectorMatching.DEFAULT;
        }
        List<String> labels = labelList();
        VectorMatching.Cardinality card = VectorMatching.Cardinality.ONE_TO_ONE;
        List<String> include = List.of();
        if (ts.accept(Tok.GROUP_LEFT)) {
            card = VectorMatching.Cardinality.MANY_TO_ONE;
        } else if (ts.accept(Tok.GROUP_RIGHT)) {
            card = VectorMatching.Cardinality.ONE_TO_MANY;
        }
        if (card != VectorMatching.Cardinality.ONE_TO_ONE && ts.kind() == Tok.OPEN_PARENTHESIS) {
            include = labelList();
        }
        return new VectorMatching(on, labels, card, include);
    }

    /** {@code ( [IDENT {, IDENT}] )}. */
    private List<String> labelList() {
        ts.expect(Tok.OPEN_PARENTHESIS, Tok.OPEN_PARENTHESIS);
        List<String> labels = new ArrayList<>();
        if (ts.accept(Tok.CLOSE_PARENTHESIS)) {
            return labels;
        }
        labels.add(ts.expect(Tok.IDENTIFIER, Tok.IDENTIFIER, Tok.CLOSE_PARENTHESIS).text());
        while (!ts.accept(Tok.CLOSE_PARENTHESIS)) {
            ts.expect(Tok.COMMA, Tok.COMMA, Tok.CLOSE_PARENTHESIS);
            labels.add(ts.expect(Tok.IDENTIFIER, Tok.IDENTIFIER).text());
        }
        return labels;
    }

    private Expr unary() {
        Tok k = ts.kind();
        switch (k) {
            case OPEN_BRACE -> {
                List<Matcher> matchers = pipes.selector();
                return new LogExpr(matchers, pipes.pipeline());
            }
            case OPEN_PARENTHESIS -> {
                ts.advance();
                Expr e = expr(0);
                ts.expect(Tok.CLOSE_PARENTHESIS);
                return e;
            }
            case NUMBER, ADD, SUB -> {
                return literal();
            }
            case VECTOR -> {
                ts.advance();
                ts.expect(Tok.OPEN_PARENTHESIS, Tok.OPEN_PARENTHESIS);
                String text = ts.expect(Tok.NUMBER, Tok.NUMBER).text();
                ts.expect(Tok.CLOSE_PARENTHESIS, Tok.CLOSE_PARENTHESIS);
                try {
                    return new VectorExpr(GoNumbers.parseFloat(text));
                } catch (IllegalArgumentException e) {
                    return ts.poison(new VectorExpr(0), "unable to parse vectorExpr as a float: " + e.getMessage());
                }
            }
            case LABEL_REPLACE -> {
                return labelReplace();
            }
            default -> {
                RangeOp r = Aggregations.rangeOp(k);
                if (r != null) {
                    return new Aggregations(ts, pipes).rangeAggregation(r);
                }
                VectorOp v = Aggregations.vectorOp(k);
                if (v != null) {
                    return vectorAggregation(v);
                }
                throw ts.unexpected();
            }
        }
    }

    private LiteralExpr literal() {
        boolean negate = ts.kind() == Tok.SUB;
        if (ts.kind() != Tok.NUMBER) {
            ts.advance();
        }
        String text = ts.expect(Tok.NUMBER, Tok.NUMBER).text();
        try {
            double v = GoNumbers.parseFloat(text);
            return new LiteralExpr(negate ? -v : v);
        } catch (IllegalArgumentException e) {
            return ts.poison(new LiteralExpr(0), "unable to parse literal as a float: " + e.getMessage());
        }
    }

    /** A metric expression where Loki's grammar demands one (aggregation and label_replace arguments). */
    private SampleExpr metricExpr() {
        Expr e = expr(0);
        if (e instanceof SampleExpr s) {
            return s;
        }
        throw ts.unexpected();
    }

    private SampleExpr vectorAggregation(VectorOp op) {
        ts.advance();
        Grouping before = null;
        if (ts.kind() == Tok.BY || ts.kind() == Tok.WITHOUT) {
            before = grouping();
        }
        ts.expect(Tok.OPEN_PARENTHESIS);
        String param = null;
        if (ts.kind() == Tok.NUMBER && ts.kind2() == Tok.COMMA) {
            param = ts.advance().text();
            ts.advance();
        }
        SampleExpr inner = metricExpr();
        ts.expect(Tok.CLOSE_PARENTHESIS);
        Grouping grouping = before;
        if (before == null && (ts.kind() == Tok.BY || ts.kind() == Tok.WITHOUT)) {
            grouping = grouping();
        }
        return Aggregations.vectorAggregation(ts, op, inner, grouping, param);
    }

    Grouping grouping() {
        boolean without = ts.advance().kind() == Tok.WITHOUT;
        return new Grouping(without, labelList());
    }

    private SampleExpr labelReplace() {
        ts.advance();
        ts.expect(Tok.OPEN_PARENTHESIS, Tok.OPEN_PARENTHESIS);
        SampleExpr inner = metricExpr();
        String[] args = new String[4];
        for (int i = 0; i < 4; i++) {
            ts.expect(Tok.COMMA, i == 0 ? new Tok[0] : new Tok[] {Tok.COMMA});
            args[i] = ts.expect(Tok.STRING, Tok.STRING).text();
        }
        ts.expect(Tok.CLOSE_PARENTHESIS, Tok.CLOSE_PARENTHESIS);
        LabelReplaceExpr e = new LabelReplaceExpr(inner, args[0], args[1], args[2], args[3]);
        try {
            PipelineParser.checkRegex("^(?:" + args[3] + ")$", "");
        } catch (ParseException ex) {
            return ts.poison(e, "invalid regex in label_replace: " + ex.detail());
        }
        return e;
    }

    // ------------------------------------------------------------------ validation

    private void validate(Expr e) {
        ParseException err = ts.deferredError(e);
        if (err != null) {
            throw err;
        }
        switch (e) {
            case LogExpr log -> validateMatchers(log.matchers());
            case BinOpExpr b -> {
                validate(b.left());
                validate(b.right());
            }
            case VectorAggregationExpr v -> {
                if ((v.op() == VectorOp.SORT || v.op() == VectorOp.SORT_DESC) && !v.grouping().labels().isEmpty()) {
                    throw new ParseException("sort and sort_desc doesn't allow grouping by ");
                }
                validate(v.inner());
            }
            case LabelReplaceExpr l -> validate(l.inner());
            case RangeAggregationExpr r -> validateMatchers(r.range().log().matchers());
            case LiteralExpr l -> {
            }
            case VectorExpr v -> {
            }
        }
    }

    static void validateMatchers(List<Matcher> matchers) {
        for (Matcher m : matchers) {
            if (!m.matchesEmpty()) {
                return;
            }
        }
        throw new ParseException(ERR_EMPTY_COMPATIBLE);
    }
}
