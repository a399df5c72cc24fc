package io.strata.logql.syntax;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import io.strata.model.MatchType;
import io.strata.model.Matcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Parses selectors, pipeline stages, label filters and unwrap clauses (the log side of LogQL). */
final class PipelineParser {
    private final TokenStream ts;

    PipelineParser(TokenStream ts) {
        this.ts = ts;
    }

    // ------------------------------------------------------------------ selector

    List<Matcher> selector() {
        ts.expect(Tok.OPEN_BRACE);
        List<Matcher> matchers = new ArrayList<>();
        if (ts.accept(Tok.CLOSE_BRACE)) {
            return matchers;
        }
        if (ts.kind() != Tok.IDENTIFIER) {
            throw ts.unexpected(Tok.IDENTIFIER, Tok.CLOSE_BRACE);
        }
        matchers.add(matcher());
        while (true) {
            if (ts.accept(Tok.CLOSE_BRACE)) {
                return matchers;
            }
            ts.expect(Tok.COMMA, Tok.CLOSE_BRACE, Tok.COMMA);
            matchers.add(matcher());
        }
    }

    /** IDENT (= | != | =~ | !~) STRING. */
    Matcher matcher() {
        String name = ts.expect(Tok.IDENTIFIER, Tok.IDENTIFIER).text();
        MatchType type = switch (ts.kind()) {
            case EQ -> MatchType.EQUAL;
            case NEQ -> MatchType.NOT_EQUAL;
            case RE -> MatchType.REGEX;
            case NRE -> MatchType.NOT_REGEX;
            default -> throw ts.unexpected(Tok.EQ, Tok.NEQ, Tok.RE, Tok.NRE);
        };
        ts.advance();
        String value = ts.expect(Tok.STRING, Tok.STRING).text();
        return newMatcher(type, name, value);
    }

    static Matcher newMatcher(MatchType type, String name, String value) {
        if (type == MatchType.REGEX || type == MatchType.NOT_REGEX) {
            checkRegex(value, "");
        }
        return Matcher.of(type, name, value);
    }

    /** Compiles a regex the way Go would parse it, throwing Loki's "error parsing regexp" text. */
    static Pattern checkRegex(String regex, String prefix) {
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new ParseException(prefix + e.getMessage());
        }
    }

    // ------------------------------------------------------------------ pipeline

    static boolean startsLineFilter(Tok k) {
        return k == Tok.PIPE_EXACT || k == Tok.NEQ || k == Tok.PIPE_MATCH || k == Tok.NRE
                || k == Tok.PIPE_PATTERN || k == Tok.NPA;
    }

    /** Stages until something that is not a stage; stops before {@code | unwrap}. */
    List<StageExpr> pipeline() {
        List<StageExpr> stages = new ArrayList<>();
        while (true) {
            Tok k = ts.kind();
            if (startsLineFilter(k)) {
                lineFilter(stages);
            } else if (k == Tok.PIPE && ts.kind2() != Tok.UNWRAP) {
                ts.advance();
                stages.add(stageAfterPipe());
            } else {
                return stages;
            }
        }
    }

    private void lineFilter(List<StageExpr> out) {
        LineFilterOp op = switch (ts.advance().kind()) {
            case PIPE_EXACT -> LineFilterOp.CONTAINS;
            case NEQ -> LineFilterOp.NOT_CONTAINS;
            case PIPE_MATCH -> LineFilterOp.REGEX;
            case NRE -> LineFilterOp.NOT_REGEX;
            case PIPE_PATTERN -> LineFilterOp.PATTERN;
            default -> LineFilterOp.NOT_PATTERN;
        };
        List<LineFilterExpr.Operand> operands = new ArrayList<>();
        operands.add(lineFilterOperand());
        while (ts.accept(Tok.OR)) {
            operands.add(lineFilterOperand());
        }
        if (op.negative()) {
            for (LineFilterExpr.Operand o : operands) {
                out.add(new LineFilterExpr(op, List.of(o)));
            }
        } else {
            out.add(new LineFilterExpr(op, operands));
        }
    }

    private LineFilterExpr.Operand lineFilterOperand() {
        if (ts.kind() == Tok.STRING) {
            return new LineFilterExpr.Operand(ts.advance().text(), false);
        }
        if (ts.kind() == Tok.IP) {
            return new LineFilterExpr.Operand(ipCall(), true);
        }
        throw ts.unexpected(Tok.STRING, Tok.IP);
    }

    private String ipCall() {
        ts.expect(Tok.IP, Tok.IP);
        ts.expect(Tok.OPEN_PARENTHESIS, Tok.OPEN_PARENTHESIS);
        String s = ts.expect(Tok.STRING, Tok.STRING).text();
        ts.expect(Tok.CLOSE_PARENTHESIS, Tok.CLOSE_PARENTHESIS);
        return s;
    }

    private StageExpr stageAfterPipe() {
        switch (ts.kind()) {
            case LOGFMT -> {
                ts.advance();
                boolean strict = false;
                boolean keepEmpty = false;
                while (ts.kind() == Tok.FUNCTION_FLAG) {
                    String f = ts.advance().text();
                    strict |= f.equals("--strict");
                    keepEmpty |= f.equals("--keep-empty");
                }
                return new LogfmtParserExpr(strict, keepEmpty, extractions());
            }
            case JSON -> {
                ts.advance();
                return new JsonParserExpr(extractions());
            }
            case REGEXP -> {
                ts.advance();
                String re = ts.expect(Tok.STRING, Tok.STRING).text();
                checkRegexpParser(re);
                return new RegexpParserExpr(re);
            }
            case PATTERN -> {
                ts.advance();
                String p = ts.expect(Tok.STRING, Tok.STRING).text();
                String err = PatternSyntax.validate(p);
                if (err != null) {
                    throw new ParseException("invalid pattern parser: " + err);
                }
                return new PatternParserExpr(p);
            }
            case UNPACK -> {
                ts.advance();
                return new UnpackParserExpr();
            }
            case DECOLORIZE -> {
                ts.advance();
                return new DecolorizeExpr();
            }
            case LINE_FMT -> {
                ts.advance();
                return new LineFormatExpr(ts.expect(Tok.STRING, Tok.STRING).text());
            }
            case LABEL_FMT -> {
                ts.advance();
                List<LabelFormatExpr.LabelFormat> formats = new ArrayList<>();
                do {
                    String name = ts.expect(Tok.IDENTIFIER, Tok.IDENTIFIER).text();
                    ts.expect(Tok.EQ, Tok.EQ);
                    if (ts.kind() == Tok.IDENTIFIER) {
                        formats.add(new LabelFormatExpr.LabelFormat(name, ts.advance().text(), true));
                    } else {
                        String tmpl = ts.expect(Tok.STRING, Tok.IDENTIFIER, Tok.STRING).text();
                        formats.add(new LabelFormatExpr.LabelFormat(name, tmpl, false));
                    }
                } while (ts.accept(Tok.COMMA));
                return new LabelFormatExpr(formats);
            }
            case DROP -> {
                ts.advance();
                return new DropLabelsExpr(namedMatchers());
            }
            case KEEP -> {
                ts.advance();
                return new KeepLabelsExpr(namedMatchers());
            }
            case IDENTIFIER, OPEN_PARENTHESIS -> {
                return new LabelFilterExpr(labelFilter());
            }
            default -> throw ts.unexpected();
        }
    }

    private List<LabelExtraction> extractions() {
        List<LabelExtraction> out = new ArrayList<>();
        if (ts.kind() != Tok.IDENTIFIER) {
            return out;
        }
        do {
            String label = ts.expect(Tok.IDENTIFIER, Tok.IDENTIFIER).text();
            String expression = label;
            if (ts.accept(Tok.EQ)) {
                expression = ts.expect(Tok.STRING, Tok.STRING).text();
            }
            out.add(new LabelExtraction(label, expression));
        } while (ts.accept(Tok.COMMA));
        return out;
    }

    private List<NamedLabelMatcher> namedMatchers() {
        List<NamedLabelMatcher> out = new ArrayList<>();
        do {
            if (ts.kind() != Tok.IDENTIFIER) {
                throw ts.unexpected(Tok.IDENTIFIER);
            }
            Tok op = ts.kind2();
            if (op == Tok.EQ || op == Tok.NEQ || op == Tok.RE || op == Tok.NRE) {
                out.add(NamedLabelMatcher.of(matcher()));
            } else {
                out.add(NamedLabelMatcher.named(ts.advance().text()));
            }
        } while (ts.accept(Tok.COMMA));
        return out;
    }

    private static void checkRegexpParser(String re) {
        Pattern p = checkRegex(re, "invalid regexp parser: ");
        if (p.groupCount() == 0) {
            throw new ParseException("invalid regexp parser: at least one named capture must be supplied");
        }
        Map<String, Integer> named = p.namedGroups();
        if (named.isEmpty()) {
            throw new ParseException("invalid regexp parser: at least one named capture must be supplied");
        }
    }

    // ------------------------------------------------------------------ label filters

    /**
     * A label filter with Loki's precedence: {@code or} < {@code and}; a comma or juxtaposition
     * takes everything to its right as one operand (the grammar shifts there).
     */
    LabelFilter labelFilter() {
        return labelFilter(0);
    }

    private LabelFilter labelFilter(int minPrec) {
        ts.enter();
        try {
            LabelFilter left = labelPredicate();
            while (true) {
                Tok k = ts.kind();
                if (k == Tok.COMMA || k == Tok.IDENTIFIER || k == Tok.OPEN_PARENTHESIS) {
                    ts.accept(Tok.COMMA);
                    left = new LabelFilter.And(left, labelFilter(0));
                } else if (k == Tok.AND && minPrec <= 2) {
                    ts.advance();
                    left = new LabelFilter.And(left, labelFilter(3));
                } else if (k == Tok.OR && minPrec <= 1) {
                    ts.advance();
                    left = new LabelFilter.Or(left, labelFilter(2));
                } else {
                    return left;
                }
            }
        } finally {
            ts.leave();
        }
    }

    private LabelFilter labelPredicate() {
        if (ts.accept(Tok.OPEN_PARENTHESIS)) {
            LabelFilter f = labelFilter(0);
            ts.expect(Tok.CLOSE_PARENTHESIS);
            return f;
        }
        if (ts.kind() != Tok.IDENTIFIER) {
            throw ts.unexpected(Tok.IDENTIFIER, Tok.OPEN_PARENTHESIS);
        }
        String name = ts.advance().text();
        Tok opTok = ts.kind();
        ComparisonOp op = switch (opTok) {
            case EQ, CMP_EQ -> ComparisonOp.EQ;
            case NEQ -> ComparisonOp.NEQ;
            case GT -> ComparisonOp.GT;
            case GTE -> ComparisonOp.GTE;
            case LT -> ComparisonOp.LT;
            case LTE -> ComparisonOp.LTE;
            case RE, NRE -> null;
            default -> throw ts.unexpected();
        };
        ts.advance();
        if (op == null) {
            String v = ts.expect(Tok.STRING, Tok.STRING).text();
            MatchType t = opTok == Tok.RE ? MatchType.REGEX : MatchType.NOT_REGEX;
            return new LabelFilter.StringFilter(newMatcher(t, name, v));
        }
        boolean stringOk = opTok == Tok.EQ || opTok == Tok.NEQ;
        switch (ts.kind()) {
            case STRING -> {
                if (!stringOk) {
                    throw ts.unexpected();
                }
                String v = ts.advance().text();
                MatchType t = opTok == Tok.EQ ? MatchType.EQUAL : MatchType.NOT_EQUAL;
                return new LabelFilter.StringFilter(newMatcher(t, name, v));
            }
            case IP -> {
                if (!stringOk) {
                    throw ts.unexpected();
                }
                return new LabelFilter.IpFilter(name, opTok == Tok.EQ, ipCall());
            }
            case DURATION -> {
                return new LabelFilter.DurationFilter(name, op, ts.advance().duration());
            }
            case BYTES -> {
                return new LabelFilter.BytesFilter(name, op, ts.advance().bytes());
            }
            case NUMBER, ADD, SUB -> {
                boolean negate = ts.kind() == Tok.SUB;
                if (ts.kind() != Tok.NUMBER) {
                    ts.advance();
                }
                String text = ts.expect(Tok.NUMBER, Tok.NUMBER).text();
                double v;
                try {
                    v = GoNumbers.parseFloat(text);
                } catch (IllegalArgumentException e) {
                    throw new ParseException("unable to parse literal as a float: " + e.getMessage());
                }
                return new LabelFilter.NumericFilter(name, op, negate ? -v : v);
            }
            default -> throw ts.unexpected();
        }
    }

    // ------------------------------------------------------------------ unwrap

    boolean atUnwrap() {
        return ts.kind() == Tok.PIPE && ts.kind2() == Tok.UNWRAP;
    }

    /** {@code | unwrap [conv(]label[)] { | labelFilter }}. */
    UnwrapExpr unwrap() {
        ts.expect(Tok.PIPE);
        ts.expect(Tok.UNWRAP);
        UnwrapExpr.UnwrapConversion conv = switch (ts.kind()) {
            case IDENTIFIER -> UnwrapExpr.UnwrapConversion.NONE;
            case BYTES_CONV -> UnwrapExpr.UnwrapConversion.BYTES;
            case DURATION_CONV -> UnwrapExpr.UnwrapConversion.DURATION;
            case DURATION_SECONDS_CONV -> UnwrapExpr.UnwrapConversion.DURATION_SECONDS;
            default -> throw ts.unexpected(Tok.IDENTIFIER, Tok.BYTES_CONV, Tok.DURATION_CONV, Tok.DURATION_SECONDS_CONV);
        };
        String label;
        if (conv == UnwrapExpr.UnwrapConversion.NONE) {
            label = ts.advance().text();
        } else {
            ts.advance();
            ts.expect(Tok.OPEN_PARENTHESIS, Tok.OPEN_PARENTHESIS);
            label = ts.expect(Tok.IDENTIFIER, Tok.IDENTIFIER).text();
            ts.expect(Tok.CLOSE_PARENTHESIS, Tok.CLOSE_PARENTHESIS);
        }
        List<LabelFilter> post = new ArrayList<>();
        while (ts.accept(Tok.PIPE)) {
            if (ts.kind() != Tok.IDENTIFIER && ts.kind() != Tok.OPEN_PARENTHESIS) {
                throw ts.unexpected(Tok.IDENTIFIER, Tok.OPEN_PARENTHESIS);
            }
            post.add(labelFilter());
        }
        return new UnwrapExpr(label, conv, post);
    }
}
