package io.strata.logql.log;

import io.strata.logql.log.TemplateNode.Arg;
import io.strata.logql.log.TemplateNode.Branch;
import io.strata.logql.log.TemplateNode.Command;
import io.strata.logql.log.TemplateNode.Pipe;
import java.util.ArrayList;
import java.util.List;

/**
 * Parser for the Go {@code text/template} subset: text, actions with {@code {{-}} / {@code -}}}
 * trimming, comments, pipelines with {@code |}, variables ({@code $x :=}, {@code $x =}),
 * {@code if/else if/else/end}, {@code with}, {@code range} (with {@code $i, $v :=}),
 * {@code break}/{@code continue}, fields, constants and parenthesised pipelines. Unknown
 * functions fail at parse time like Go ({@code function "x" not defined}). Errors are
 * {@link IllegalArgumentException}s with Go's {@code template: name:line: msg} text.
 */
final class TemplateParser {
    private final String src;
    private final String name;
    private final TemplateFunctionMap functions;
    private int pos;
    private boolean trimNextText;
    private String lastKeyword; // the keyword that ended the last list
    private int rangeDepth;

    private TemplateParser(String src, String name, TemplateFunctionMap functions) {
        this.src = src;
        this.name = name;
        this.functions = functions;
    }

    static List<TemplateNode> parse(String src, String name, TemplateFunctionMap functions) {
        TemplateParser p = new TemplateParser(src, name, functions);
        List<TemplateNode> list = p.parseList();
        if (p.lastKeyword != null) {
            throw p.error("unexpected {{" + p.lastKeyword + "}}");
        }
        return list;
    }

    /** Parses until EOF or an {@code else}/{@code end} keyword (left in {@link #lastKeyword}). */
    private List<TemplateNode> parseList() {
        List<TemplateNode> out = new ArrayList<>();
        lastKeyword = null;
        while (pos < src.length()) {
            int open = src.indexOf("{{", pos);
            String text = open < 0 ? src.substring(pos) : src.substring(pos, open);
            boolean trimLeft = open >= 0 && open + 3 < src.length() + 1 && src.startsWith("{{-", open)
                    && open + 3 < src.length() && isSpace(src.charAt(open + 3));
            if (trimNextText) {
                text = text.stripLeading();
                trimNextText = false;
            }
            if (trimLeft) {
                text = stripTrailingSpace(text);
            }
            if (!text.isEmpty()) {
                out.add(new TemplateNode.Text(text));
            }
            if (open < 0) {
                pos = src.length();
                break;
            }
            pos = open + (trimLeft ? 3 : 2);
            TemplateNode node = parseAction();
            if (lastKeyword != null) {
                return out;
            }
            if (node != null) {
                out.add(node);
            }
        }
        return out;
    }

    private static String stripTrailingSpace(String s) {
        int e = s.length();
        while (e > 0 && isSpace(s.charAt(e - 1))) {
            e--;
        }
        return s.substring(0, e);
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    /** Parses one action after {@code {{}; returns null for comments and list terminators. */
    private TemplateNode parseAction() {
        skipSpace();
        if (src.startsWith("/*", pos)) {
            int close = src.indexOf("*/", pos + 2);
            if (close < 0) {
                throw error("unclosed comment");
            }
            pos = close + 2;
            closeAction();
            return null;
        }
        int start = pos;
        String word = peekWord();
        switch (word) {
            case "end", "else" -> {
                pos += word.length();
                if (word.equals("else")) {
                    skipSpace();
                    String next = peekWord();
                    if (next.equals("if") || next.equals("with")) {
                        lastKeyword = "else " + next;
                        pos += next.length();
                        return null; // the caller parses the chained branch
                    }
                }
                closeAction();
                lastKeyword = word;
                return null;
            }
            case "if", "with", "range" -> {
                pos += word.length();
                return parseBranch(start, Branch.Kind.valueOf(word.toUpperCase(java.util.Locale.ROOT)));
            }
            case "break", "continue" -> {
                if (rangeDepth == 0) {
                    throw error("{{" + word + "}} outside {{range}}");
                }
                pos += word.length();
                closeAction();
                return new TemplateNode.Jump(word.equals("break"));
            }
            case "define", "template", "block" -> throw error("unsupported action " + word);
            default -> {
            }
        }
        Pipe pipe = parsePipe(false);
        closeAction();
        return new TemplateNode.Action(start, pipe);
    }

    private Branch parseBranch(int start, Branch.Kind kind) {
        Pipe pipe = parsePipe(kind == Branch.Kind.RANGE);
        closeAction();
        if (kind == Branch.Kind.RANGE) {
            rangeDepth++;
        }
        List<TemplateNode> list = parseList();
        if (kind == Branch.Kind.RANGE) {
            rangeDepth--;
        }
        String kw = lastKeyword;
        if (kw == null) {
            throw error("unexpected EOF");
        }
        lastKeyword = null;
        List<TemplateNode> elseList = null;
        if (kw.startsWith("else ")) {
            // {{else if x}} == {{else}}{{if x}}...{{end}}{{end}}
            Branch.Kind chained = kw.endsWith("if") ? Branch.Kind.IF : Branch.Kind.WITH;
            elseList = List.of(parseBranch(pos, chained));
            return new Branch(start, kind, pipe, list, elseList);
        }
        if (kw.equals("else")) {
            elseList = parseList();
            if (!"end".equals(lastKeyword)) {
                throw error(lastKeyword == null ? "unexpected EOF" : "expected end; found {{" + lastKeyword + "}}");
            }
            lastKeyword = null;
        }
        return new Branch(start, kind, pipe, list, elseList);
    }

    private void closeAction() {
        skipSpace();
        if (src.startsWith("-}}", pos)) {
            pos += 3;
            trimNextText = true;
            return;
        }
        if (src.startsWith("}}", pos)) {
            pos += 2;
            return;
        }
        if (pos >= src.length()) {
            throw error("unclosed action");
        }
        throw error("unexpected \"" + src.charAt(pos) + "\" in command");
    }

    private Pipe parsePipe(boolean range) {
        skipSpace();
        int start = pos;
        List<String> decl = new ArrayList<>();
        boolean assign = false;
        int save = pos;
        while (pos < src.length() && src.charAt(pos) == '$') {
            String v = readVariableName();
            skipSpace();
            if (src.startsWith(":=", pos)) {
                decl.add(v);
                pos += 2;
                break;
            } else if (src.startsWith("=", pos) && !src.startsWith("==", pos)) {
                decl.add(v);
                assign = true;
                pos += 1;
                break;
            } else if (range && src.startsWith(",", pos) && decl.isEmpty()) {
                decl.add(v);
                pos++;
                skipSpace();
            } else {
                decl.clear();
                pos = save;
                break;
            }
        }
        List<Command> cmds = new ArrayList<>();
        while (true) {
            skipSpace();
            cmds.add(parseCommand());
            skipSpace();
            if (pos < src.length() && src.charAt(pos) == '|') {
                pos++;
                continue;
            }
            break;
        }
        return new Pipe(start, List.copyOf(decl), assign, List.copyOf(cmds));
    }

    private Command parseCommand() {
        int start = pos;
        List<Arg> args = new ArrayList<>();
        while (true) {
            skipSpace();
            if (pos >= src.length()) {
                throw error("unclosed action");
            }
            char c = src.charAt(pos);
            if (c == '|' || c == ')' || src.startsWith("}}", pos) || src.startsWith("-}}", pos)) {
                break;
            }
            args.add(parseOperand());
        }
        if (args.isEmpty()) {
            throw error("missing value for command");
        }
        return new Command(start, List.copyOf(args));
    }

    private Arg parseOperand() {
        char c = src.charAt(pos);
        if (c == '.') {
            if (pos + 1 < src.length() && Character.isDigit(src.charAt(pos + 1))) {
                return parseNumber();
            }
            return new Arg.Field(parseFieldChain());
        }
        if (c == '$') {
            String v = readVariableName();
            return new Arg.Variable(v, parseFieldChain());
        }
        if (c == '"' || c == '`') {
            int s = pos;
            String value = readString();
            return new Arg.Constant(value, src.substring(s, pos));
        }
        if (c == '\'') {
            int s = pos;
            int close = src.indexOf('\'', pos + 1);
            if (close < 0) {
                throw error("unterminated character constant");
            }
            pos = close + 1;
            String t = src.substring(s, pos);
            String inner = GoLiterals.unquote("\"" + t.substring(1, t.length() - 1) + "\"");
            return new Arg.Constant((long) inner.codePointAt(0), t);
        }
        if (c == '(') {
            pos++;
            Pipe p = parsePipe(false);
            skipSpace();
            if (pos >= src.length() || src.charAt(pos) != ')') {
                throw error("unclosed left paren");
            }
            pos++;
            return new Arg.Sub(p, parseFieldChain());
        }
        if (Character.isDigit(c) || ((c == '-' || c == '+') && pos + 1 < src.length()
                && (Character.isDigit(src.charAt(pos + 1)) || src.charAt(pos + 1) == '.'))) {
            return parseNumber();
        }
        if (Character.isLetter(c) || c == '_') {
            String w = peekWord();
            pos += w.length();
            return switch (w) {
                case "true" -> new Arg.Constant(Boolean.TRUE, w);
                case "false" -> new Arg.Constant(Boolean.FALSE, w);
                case "nil" -> new Arg.Constant(null, w);
                default -> {
                    if (!functions.defines(w)) {
                        throw error("function \"" + w + "\" not defined");
                    }
                    yield new Arg.Identifier(w);
                }
            };
        }
        throw error("unexpected \"" + c + "\" in command");
    }

    private Arg parseNumber() {
        int s = pos;
        if (src.charAt(pos) == '-' || src.charAt(pos) == '+') {
            pos++;
        }
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (Character.isLetterOrDigit(c) || c == '.' || c == '_'
                    || ((c == '-' || c == '+') && (src.charAt(pos - 1) == 'e' || src.charAt(pos - 1) == 'E'
                    || src.charAt(pos - 1) == 'p' || src.charAt(pos - 1) == 'P'))) {
                pos++;
            } else {
                break;
            }
        }
        String text = src.substring(s, pos);
        Object v = GoLiterals.number(text);
        if (v == null) {
            throw error("bad number syntax: \"" + text + "\"");
        }
        return new Arg.Constant(v, text);
    }

    private List<String> parseFieldChain() {
        List<String> path = new ArrayList<>();
        while (pos < src.length() && src.charAt(pos) == '.') {
            pos++;
            String w = peekWord();
            if (w.isEmpty()) {
                if (path.isEmpty()) {
                    return path; // plain "."
                }
                throw error("unexpected . after term");
            }
            pos += w.length();
            path.add(w);
        }
        return path;
    }

    private String readVariableName() {
        int s = pos;
        pos++;
        while (pos < src.length() && (Character.isLetterOrDigit(src.charAt(pos)) || src.charAt(pos) == '_')) {
            pos++;
        }
        return src.substring(s, pos);
    }

    private String readString() {
        char q = src.charAt(pos);
        int s = pos;
        pos++;
        while (pos < src.length() && src.charAt(pos) != q) {
            if (q == '"' && src.charAt(pos) == '\\') {
                pos++;
            }
            if (q == '"' && src.charAt(pos) == '\n') {
                throw error("unterminated quoted string");
            }
            pos++;
        }
        if (pos >= src.length()) {
            throw error(q == '"' ? "unterminated quoted string" : "unterminated raw quoted string");
        }
        pos++;
        String t = src.substring(s, pos);
        if (q == '`') {
            return t.substring(1, t.length() - 1);
        }
        String v = GoLiterals.unquote(t);
        if (v == null) {
            throw error("invalid syntax: " + t);
        }
        return v;
    }

    private String peekWord() {
        int e = pos;
        while (e < src.length() && (Character.isLetterOrDigit(src.charAt(e)) || src.charAt(e) == '_')) {
            e++;
        }
        return src.substring(pos, e);
    }

    private void skipSpace() {
        while (pos < src.length() && isSpace(src.charAt(pos))) {
            pos++;
        }
    }

    private IllegalArgumentException error(String msg) {
        int line = 1;
        for (int i = 0; i < Math.min(pos, src.length()); i++) {
            if (src.charAt(i) == '\n') {
                line++;
            }
        }
        return new IllegalArgumentException("template: " + name + ":" + line + ": " + msg);
    }
}
