package io.strata.logql.log;

import io.strata.logql.log.TemplateNode.Arg;
import io.strata.logql.log.TemplateNode.Branch;
import io.strata.logql.log.TemplateNode.Command;
import io.strata.logql.log.TemplateNode.Pipe;
import io.strata.model.StrataException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A parsed Go {@code text/template} with a pluggable {@link TemplateFunctionMap}. Loki's
 * {@code line_format}/{@code label_format} run it with {@link TemplateFunctions} against the label map
 * of an entry plus the current line ({@code __line__}) and timestamp ({@code __timestamp__}), with
 * {@code missingkey=zero} on {@link LabelMap}s; the ruler runs it with Prometheus' alert functions,
 * a {@link Struct} as dot and {@code $labels}, {@code $value}, ... as variables. Parsing happens once;
 * execution errors throw {@link ExecutionException} with Go's message text. Immutable;
 * {@code execute} is reentrant.
 */
public final class Template {
    private final String name;
    private final String source;
    private final List<TemplateNode> root;
    private final TemplateFunctionMap functions;
    private final String simpleField; // {{.x}} only: fast path

    private Template(String name, String source, List<TemplateNode> root, TemplateFunctionMap functions) {
        this.name = name;
        this.source = source;
        this.root = root;
        this.functions = functions;
        String simple = null;
        if (root.size() == 1 && root.get(0) instanceof TemplateNode.Action a && a.pipe().decl().isEmpty()
                && a.pipe().cmds().size() == 1 && a.pipe().cmds().get(0).args().size() == 1
                && a.pipe().cmds().get(0).args().get(0) instanceof Arg.Field f && f.path().size() == 1) {
            simple = f.path().get(0);
        }
        this.simpleField = simple;
    }

    /** Parses a template with Loki's function map; a syntax error or unknown function throws IllegalArgumentException. */
    public static Template parse(String source, String name) {
        return parse(source, name, TemplateFunctions.INSTANCE);
    }

    /** Parses a template with the given function map; errors as {@link #parse(String, String)}. */
    public static Template parse(String source, String name, TemplateFunctionMap functions) {
        return new Template(name, source, TemplateParser.parse(source, name, functions), functions);
    }

    /** Parses a template for a stage, turning errors into a 400 with {@code prefix} + Go's text. */
    static Template parseForStage(String source, String name, String errorPrefix) {
        try {
            return parse(source, name);
        } catch (IllegalArgumentException e) {
            throw StrataException.badRequest(errorPrefix + e.getMessage());
        }
    }

    /** Template data shaped like a Go struct: named fields, and an execution error for any other name. */
    public interface Struct {
        /** What {@link #field} answers for a name the struct does not have. */
        Object NO_FIELD = new Object();

        /** The field's value, or {@link #NO_FIELD}. */
        Object field(String name);

        /** The Go type name in error messages. */
        String goType();
    }

    /** The single label name if the template is exactly {@code {{.name}}}, else null. */
    String simpleField() {
        return simpleField;
    }

    /** A template execution failure; the message is Go's. */
    public static final class ExecutionException extends Exception {
        ExecutionException(String message) {
            super(message, null, false, false);
        }
    }

    private static final class OutputTooLarge extends RuntimeException {
        OutputTooLarge() {
            super(null, null, false, false);
        }
    }

    private static final class Jump extends RuntimeException {
        final boolean isBreak;

        Jump(boolean isBreak) {
            super(null, null, false, false);
            this.isBreak = isBreak;
        }
    }

    /** Executes with {@code data} as dot, for an entry with this line and timestamp. */
    public String execute(Map<String, String> data, String line, long timestampNanos) throws ExecutionException {
        return run(new State(line, timestampNanos, Integer.MAX_VALUE), data);
    }

    /**
     * Executes with {@code dot} and the given variables ({@code $name} → value) defined, as the ruler
     * does; fails once the output grows past {@code maxOutput} characters.
     */
    public String execute(Object dot, Map<String, ?> variables, int maxOutput) throws ExecutionException {
        State s = new State(null, 0, maxOutput);
        s.declare("$", dot);
        variables.forEach(s::declare);
        return run(s, dot);
    }

    private String run(State s, Object dot) throws ExecutionException {
        StringBuilder out = new StringBuilder();
        try {
            s.walk(dot, root, out);
        } catch (Failure f) {
            throw new ExecutionException("template: " + name + ":" + position(f.pos) + ": executing \"" + name
                    + "\" at <" + context(f.context) + ">: " + f.getMessage());
        } catch (OutputTooLarge e) {
            throw new ExecutionException("template: " + name + ": output of template " + name + " too large");
        }
        return out.toString();
    }

    private String position(int pos) {
        int line = 1;
        int lastNewline = -1;
        for (int i = 0; i < Math.min(pos, source.length()); i++) {
            if (source.charAt(i) == '\n') {
                line++;
                lastNewline = i;
            }
        }
        return line + ":" + (lastNewline < 0 ? pos : pos - lastNewline - 1);
    }

    private static String context(String c) {
        return c.length() > 20 ? c.substring(0, 20) + "..." : c;
    }

    /** Internal failure carrying the node position/context. */
    static final class Failure extends RuntimeException {
        final int pos;
        final String context;

        Failure(int pos, String context, String message) {
            super(message, null, false, false);
            this.pos = pos;
            this.context = context;
        }
    }

    /** Per-execution state: variables and the entry's line/timestamp; one execution's, never shared. */
    public final class State {
        private final String line;
        private final long ts;
        private final int maxOutput;
        private final List<String> varNames = new ArrayList<>();
        private final List<Object> varValues = new ArrayList<>();

        State(String line, long ts, int maxOutput) {
            this.line = line;
            this.ts = ts;
            this.maxOutput = maxOutput;
        }

        /** The entry's line ({@code __line__}); null outside a log pipeline. */
        public String line() {
            return line;
        }

        /** The entry's timestamp ({@code __timestamp__}) in Unix nanoseconds; 0 outside a log pipeline. */
        public long timestampNanos() {
            return ts;
        }

        void walk(Object dot, List<TemplateNode> nodes, StringBuilder out) {
            int mark = varNames.size();
            if (mark == 0) {
                varNames.add("$");
                varValues.add(dot);
                mark = 1;
            }
            try {
                for (TemplateNode n : nodes) {
                    if (out.length() > maxOutput) {
                        throw new OutputTooLarge();
                    }
                    switch (n) {
                        case TemplateNode.Text t -> out.append(t.text());
                        case TemplateNode.Action a -> {
                            Object v = evalPipe(dot, a.pipe());
                            if (a.pipe().decl().isEmpty()) {
                                out.append(GoFormat.print(v));
                            }
                        }
                        case Branch b -> walkBranch(dot, b, out);
                        case TemplateNode.Jump j -> throw new Jump(j.isBreak());
                    }
                }
            } finally {
                while (varNames.size() > mark) {
                    varNames.remove(varNames.size() - 1);
                    varValues.remove(varValues.size() - 1);
                }
            }
        }

        private void walkBranch(Object dot, Branch b, StringBuilder out) {
            int mark = varNames.size();
            try {
                Object v = b.kind() == Branch.Kind.RANGE ? evalPipeNoDecl(dot, b.pipe()) : evalPipe(dot, b.pipe());
                switch (b.kind()) {
                    case IF -> walk(dot, TemplateBuiltins.truth(v) ? b.list() : orEmpty(b.elseList()), out);
                    case WITH -> {
                        if (TemplateBuiltins.truth(v)) {
                            walk(v, b.list(), out);
                        } else {
                            walk(dot, orEmpty(b.elseList()), out);
                        }
                    }
                    case RANGE -> range(dot, b, v, out);
                }
            } finally {
                while (varNames.size() > mark) {
                    varNames.remove(varNames.size() - 1);
                    varValues.remove(varValues.size() - 1);
                }
            }
        }

        private void range(Object dot, Branch b, Object v, StringBuilder out) {
            List<Object[]> items = new ArrayList<>();
            if (v instanceof List<?> l) {
                for (int i = 0; i < l.size(); i++) {
                    items.add(new Object[] {(long) i, l.get(i)});
                }
            } else if (v instanceof Map<?, ?> m) {
                for (Map.Entry<?, ?> e : new TreeMap<>(m).entrySet()) {
                    items.add(new Object[] {e.getKey(), e.getValue()});
                }
            } else if (v instanceof Long n) {
                rangeInt(dot, b, n, out);
                return;
            } else if (v != null) {
                throw new Failure(b.pipe().pos(), b.pipe().toString(), "range can't iterate over " + GoFormat.print(v));
            }
            if (items.isEmpty()) {
                walk(dot, orEmpty(b.elseList()), out);
                return;
            }
            for (Object[] it : items) {
                if (!iteration(b, it[0], it[1], out)) {
                    break;
                }
            }
        }

        /** Go 1.22's range over an int: 0..n-1, without materialising the sequence. */
        private void rangeInt(Object dot, Branch b, long n, StringBuilder out) {
            if (n <= 0) {
                walk(dot, orEmpty(b.elseList()), out);
                return;
            }
            for (long i = 0; i < n; i++) {
                if (!iteration(b, i, i, out)) {
                    break;
                }
            }
        }

        /** One range iteration; false after {@code break}. */
        private boolean iteration(Branch b, Object key, Object value, StringBuilder out) {
            List<String> decl = b.pipe().decl();
            int mark = varNames.size();
            if (decl.size() == 1) {
                declare(decl.get(0), value);
            } else if (decl.size() == 2) {
                declare(decl.get(0), key);
                declare(decl.get(1), value);
            }
            try {
                walk(value, b.list(), out);
                return true;
            } catch (Jump j) {
                return !j.isBreak;
            } finally {
                while (varNames.size() > mark) {
                    varNames.remove(varNames.size() - 1);
                    varValues.remove(varValues.size() - 1);
                }
            }
        }

        private List<TemplateNode> orEmpty(List<TemplateNode> l) {
            return l == null ? List.of() : l;
        }

        void declare(String name, Object value) {
            varNames.add(name);
            varValues.add(value);
        }

        private Object evalPipeNoDecl(Object dot, Pipe p) {
            Object v = null;
            boolean first = true;
            for (Command c : p.cmds()) {
                v = evalCommand(dot, c, first ? NO_FINAL : v);
                first = false;
            }
            return v;
        }

        Object evalPipe(Object dot, Pipe p) {
            Object v = evalPipeNoDecl(dot, p);
            for (String d : p.decl()) {
                if (p.assign()) {
                    int i = varNames.lastIndexOf(d);
                    if (i < 0) {
                        throw new Failure(p.pos(), p.toString(), "undefined variable: " + d);
                    }
                    varValues.set(i, v);
                } else {
                    declare(d, v);
                }
            }
            return v;
        }

        private Object evalCommand(Object dot, Command c, Object fin) {
            Arg first = c.args().get(0);
            if (first instanceof Arg.Identifier id) {
                List<Object> args = new ArrayList<>(c.args().size());
                for (int i = 1; i < c.args().size(); i++) {
                    args.add(evalArg(dot, c.args().get(i), c));
                }
                if (fin != NO_FINAL) {
                    args.add(fin);
                }
                return call(id.name(), args, c);
            }
            if (c.args().size() > 1 || fin != NO_FINAL) {
                throw new Failure(c.pos(), c.toString(), "can't give argument to non-function " + first);
            }
            return evalArg(dot, first, c);
        }

        private Object evalArg(Object dot, Arg a, Command c) {
            return switch (a) {
                case Arg.Constant k -> k.value();
                case Arg.Field f -> fields(dot, f.path(), c);
                case Arg.Variable v -> {
                    int i = varNames.lastIndexOf(v.name());
                    if (i < 0) {
                        throw new Failure(c.pos(), c.toString(), "undefined variable: " + v.name());
                    }
                    yield fields(varValues.get(i), v.path(), c);
                }
                case Arg.Sub s -> fields(evalPipe(dot, s.pipe()), s.path(), c);
                case Arg.Identifier id -> call(id.name(), new ArrayList<>(), c);
            };
        }

        private Object fields(Object v, List<String> path, Command c) {
            for (String f : path) {
                Object next = switch (v) {
                    case LabelMap m -> m.getOrDefault(f, ""); // missingkey=zero of a map[string]string
                    case Map<?, ?> m -> m.get(f);
                    case Struct st -> st.field(f);
                    case null -> throw new Failure(c.pos(), c.toString(), "nil pointer evaluating interface {}." + f);
                    default -> Struct.NO_FIELD;
                };
                if (next == Struct.NO_FIELD) {
                    throw new Failure(c.pos(), c.toString(), "can't evaluate field " + f + " in type "
                            + TemplateBuiltins.typeName(v));
                }
                v = next;
            }
            return v;
        }

        private Object call(String fn, List<Object> args, Command c) {
            try {
                return functions.call(fn, args, this);
            } catch (TemplateFunctionMap.ArgumentError e) {
                throw new Failure(c.pos(), c.toString(), e.getMessage());
            } catch (Failure f) {
                throw f;
            } catch (RuntimeException e) {
                throw new Failure(c.pos(), c.toString(), "error calling " + fn + ": " + e.getMessage());
            }
        }
    }

    private static final Object NO_FINAL = new Object();

    /** The label map given to templates: a missing key reads as "" (missingkey=zero). */
    public static final class LabelMap extends java.util.HashMap<String, String> {
        public LabelMap() {
            super(32);
        }
    }
}
