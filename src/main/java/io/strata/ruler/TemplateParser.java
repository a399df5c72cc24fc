package io.strata.ruler;

import io.strata.ruler.TemplateNodes.Arg;
import io.strata.ruler.TemplateNodes.Command;
import io.strata.ruler.TemplateNodes.Node;
import io.strata.ruler.TemplateNodes.Pipeline;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Recursive-descent parser for {@link AlertTemplate}; one instance per parse, not thread-safe. */
final class TemplateParser {
    private final String name;
    private final String text;
    private int pos;
    /** Tokens of the current action and the index of the next one. */
    private List<String> tokens;
    private int tok;

    TemplateParser(String name, String text) {
        this.name = name;
        this.text = text;
    }

    List<Node> parseAll() {
        List<Node> nodes = new ArrayList<>();
        String end = parseList(nodes);
        if (end != null) {
            throw error("unexpected {{" + end + "}}");
        }
        return List.copyOf(nodes);
    }

    /** Parses nodes until {@code end}/{@code else}; returns that keyword (with its rest) or null at EOF. */
    private String parseList(List<Node> out) {
        while (pos < text.length()) {
            int open = text.indexOf("{{", pos);
            if (open < 0) {
                out.add(new TemplateNodes.Text(text.substring(pos)));
                pos = text.length();
                break;
            }
            int textEnd = open;
            boolean trimLeft = open + 2 < text.length() && text.charAt(open + 2) == '-'
                    && open + 3 < text.length() && Character.isWhitespace(text.charAt(open + 3));
            if (trimLeft) {
                while (textEnd > pos && Character.isWhitespace(text.charAt(textEnd - 1))) {
                    textEnd--;
                }
            }
            if (textEnd > pos) {
                out.add(new TemplateNodes.Text(text.substring(pos, textEnd)));
            }
            int bodyStart = open + (trimLeft ? 3 : 2);
            int close = findClose(bodyStart);
            boolean trimRight = close - 1 >= bodyStart && text.charAt(close - 1) == '-'
                    && close - 2 >= bodyStart && Character.isWhitespace(text.charAt(close - 2));
            String body = text.substring(bodyStart, trimRight ? close - 1 : close).strip();
            pos = close + 2;
            if (trimRight) {
                while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
                    pos++;
                }
            }
            if (body.startsWith("/*")) {
                if (!body.endsWith("*/")) {
                    throw error("unclosed comment");
                }
                continue;
            }
            tokens = tokenize(body);
            tok = 0;
            if (tokens.isEmpty()) {
                throw error("missing value for command");
            }
            String first = tokens.get(0);
            switch (first) {
                case "end", "else" -> {
                    return String.join(" ", tokens);
                }
                case "if", "with" -> out.add(parseBranch(first));
                case "range" -> out.add(parseRange());
                case "template", "define", "block", "break", "continue" ->
                        throw error("unsupported action " + first);
                default -> {
                    Pipeline p = pipeline();
                    out.add(new TemplateNodes.Action(p));
                }
            }
        }
        return null;
    }

    private Node parseBranch(String keyword) {
        tok = 1;
        Pipeline cond = pipeline();
        List<Node> then = new ArrayList<>();
        String end = parseList(then);
        List<Node> otherwise = new ArrayList<>();
        if (end == null) {
            throw error("unexpected EOF");
        }
        if (end.startsWith("else")) {
            String rest = end.substring(4).strip();
            if (rest.startsWith("if ") && keyword.equals("if")) {
                tokens = tokenize(rest);
                otherwise.add(parseBranch("if"));
            } else if (rest.isEmpty()) {
                String end2 = parseList(otherwise);
                if (!"end".equals(end2)) {
                    throw error(end2 == null ? "unexpected EOF" : "expected end; found {{" + end2 + "}}");
                }
            } else {
                throw error("unexpected " + rest + " in else");
            }
        } else if (!end.equals("end")) {
            throw error("unexpected {{" + end + "}}");
        }
        return keyword.equals("if")
                ? new TemplateNodes.If(cond, List.copyOf(then), List.copyOf(otherwise))
                : new TemplateNodes.With(cond, List.copyOf(then), List.copyOf(otherwise));
    }

    private Node parseRange() {
        tok = 1;
        String keyVar = null;
        String valueVar = null;
        int decl = tokens.indexOf(":=");
        if (decl > 0) {
            List<String> vars = tokens.subList(1, decl).stream().filter(t -> !t.equals(",")).toList();
            if (vars.size() == 1) {
                valueVar = vars.get(0);
            } else if (vars.size() == 2) {
                keyVar = vars.get(0);
                valueVar = vars.get(1);
            } else {
                throw error("too many declarations in range");
            }
            tok = decl + 1;
        }
        Pipeline value = pipelineNoDecl();
        List<Node> body = new ArrayList<>();
        String end = parseList(body);
        List<Node> otherwise = new ArrayList<>();
        if ("else".equals(end)) {
            end = parseList(otherwise);
        }
        if (!"end".equals(end)) {
            throw error(end == null ? "unexpected EOF" : "unexpected {{" + end + "}}");
        }
        return new TemplateNodes.Range(keyVar, valueVar, value, List.copyOf(body), List.copyOf(otherwise));
    }

    private Pipeline pipeline() {
        if (tok + 1 < tokens.size() && tokens.get(tok).startsWith("$")
                && (tokens.get(tok + 1).equals(":=") || tokens.get(tok + 1).equals("="))) {
            String var = tokens.get(tok);
            tok += 2;
            Pipeline p = pipelineNoDecl();
            return new Pipeline(var, p.commands());
        }
        return pipelineNoDecl();
    }

    private Pipeline pipelineNoDecl() {
        List<Command> commands = new ArrayList<>();
        List<Arg> args = new ArrayList<>();
        while (tok < tokens.size() && !tokens.get(tok).equals(")")) {
            String t = tokens.get(tok++);
            if (t.equals("|")) {
                if (args.isEmpty()) {
                    throw error("missing command");
                }
                commands.add(new Command(List.copyOf(args)));
                args.clear();
                continue;
            }
            args.add(operand(t));
        }
        if (args.isEmpty()) {
            throw error("missing value for command");
        }
        commands.add(new Command(List.copyOf(args)));
        return new Pipeline(null, List.copyOf(commands));
    }

    private Arg operand(String t) {
        char c = t.charAt(0);
        if (t.equals("(")) {
            Pipeline inner = pipeline();
            if (tok >= tokens.size() || !tokens.get(tok).equals(")")) {
                throw error("unclosed left paren");
            }
            tok++;
            List<String> fields = List.of();
            if (tok < tokens.size() && tokens.get(tok).startsWith(".") && tokens.get(tok).length() > 1) {
                fields = fields(tokens.get(tok++));
            }
            return new TemplateNodes.Sub(inner, fields);
        }
        if (c == '"' || c == '`') {
            return new TemplateNodes.Literal(unquote(t));
        }
        if (c == '$') {
            int dot = t.indexOf('.');
            return dot < 0 ? new TemplateNodes.Variable(t, List.of())
                    : new TemplateNodes.Variable(t.substring(0, dot), fields(t.substring(dot)));
        }
        if (c == '.') {
            return new TemplateNodes.Field(t.equals(".") ? List.of() : fields(t));
        }
        if (c == '-' || c == '+' || Character.isDigit(c)) {
            try {
                if (t.matches("[-+]?\\d+")) {
                    return new TemplateNodes.Literal(Long.parseLong(t));
                }
                return new TemplateNodes.Literal(Double.parseDouble(t));
            } catch (NumberFormatException e) {
                throw error("bad number syntax: \"" + t + "\"");
            }
        }
        if (t.equals("true") || t.equals("false")) {
            return new TemplateNodes.Literal(Boolean.parseBoolean(t));
        }
        if (t.equals("nil")) {
            return new TemplateNodes.Literal(null);
        }
        if (Character.isLetter(c) || c == '_') {
            if (!TemplateFunctions.exists(t)) {
                throw error("function \"" + t + "\" not defined");
            }
            return new TemplateNodes.Function(t);
        }
        throw error("unexpected \"" + t + "\" in command");
    }

    private static List<String> fields(String chain) {
        return Arrays.stream(chain.substring(1).split("\\.")).toList();
    }

    private int findClose(int from) {
        int i = from;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '"' || c == '`') {
                int j = i + 1;
                while (j < text.length() && text.charAt(j) != c) {
                    j += (c == '"' && text.charAt(j) == '\\') ? 2 : 1;
                }
                i = j + 1;
                continue;
            }
            if (c == '}' && i + 1 < text.length() && text.charAt(i + 1) == '}') {
                return i;
            }
            i++;
        }
        throw error("unclosed action");
    }

    private List<String> tokenize(String body) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < body.length()) {
            char c = body.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '"' || c == '`') {
                int j = i + 1;
                while (j < body.length() && body.charAt(j) != c) {
                    j += (c == '"' && body.charAt(j) == '\\') ? 2 : 1;
                }
                if (j >= body.length()) {
                    throw error("unterminated quoted string");
                }
                out.add(body.substring(i, j + 1));
                i = j + 1;
            } else if (c == '(' || c == ')' || c == '|' || c == ',') {
                out.add(String.valueOf(c));
                i++;
            } else if (c == ':' && i + 1 < body.length() && body.charAt(i + 1) == '=') {
                out.add(":=");
                i += 2;
            } else if (c == '=') {
                out.add("=");
                i++;
            } else {
                int j = i;
                while (j < body.length() && !Character.isWhitespace(body.charAt(j))
                        && "()|,\"`=".indexOf(body.charAt(j)) < 0 && !(body.charAt(j) == ':'
                        && j + 1 < body.length() && body.charAt(j + 1) == '=')) {
                    j++;
                }
                out.add(body.substring(i, j));
                i = j;
            }
        }
        return out;
    }

    private String unquote(String t) {
        if (t.charAt(0) == '`') {
            return t.substring(1, t.length() - 1);
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i < t.length() - 1; i++) {
            char c = t.charAt(i);
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            char n = t.charAt(++i);
            switch (n) {
                case 'n' -> sb.append('\n');
                case 't' -> sb.append('\t');
                case 'r' -> sb.append('\r');
                case '\\' -> sb.append('\\');
                case '"' -> sb.append('"');
                default -> throw error("invalid syntax in string " + t);
            }
        }
        return sb.toString();
    }

    private IllegalArgumentException error(String message) {
        int line = 1;
        for (int i = 0; i < Math.min(pos, text.length()); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return new IllegalArgumentException("template: " + name + ":" + line + ": " + message);
    }
}
