package io.strata.ruler;

import io.strata.ruler.TemplateNodes.Arg;
import io.strata.ruler.TemplateNodes.Command;
import io.strata.ruler.TemplateNodes.Node;
import io.strata.ruler.TemplateNodes.Pipeline;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Runs an {@link AlertTemplate}'s tree against its data; one instance per expansion. */
final class TemplateEvaluator {
    private static final int MAX_OUTPUT = 1 << 20;

    private final String name;

    TemplateEvaluator(String name) {
        this.name = name;
    }

    void run(List<Node> nodes, Object dot, Map<String, Object> vars, StringBuilder out) {
        for (Node n : nodes) {
            if (out.length() > MAX_OUTPUT) {
                throw new IllegalArgumentException("output of template " + name + " too large");
            }
            switch (n) {
                case TemplateNodes.Text t -> out.append(t.text());
                case TemplateNodes.Action a -> {
                    Object v = pipeline(a.pipeline(), dot, vars);
                    if (a.pipeline().declare() == null) {
                        out.append(TemplateFunctions.print(v));
                    }
                }
                case TemplateNodes.If i -> run(truth(pipeline(i.condition(), dot, vars)) ? i.then() : i.otherwise(),
                        dot, vars, out);
                case TemplateNodes.With w -> {
                    Object v = pipeline(w.value(), dot, vars);
                    if (truth(v)) {
                        run(w.then(), v, vars, out);
                    } else {
                        run(w.otherwise(), dot, vars, out);
                    }
                }
                case TemplateNodes.Range r -> range(r, dot, vars, out);
            }
        }
    }

    private void range(TemplateNodes.Range r, Object dot, Map<String, Object> vars, StringBuilder out) {
        Object v = pipeline(r.value(), dot, vars);
        List<Object[]> items = new ArrayList<>();
        if (v instanceof Map<?, ?> m) {
            new TreeMap<>(m).forEach((k, val) -> items.add(new Object[] {k, val}));
        } else if (v instanceof List<?> l) {
            for (int i = 0; i < l.size(); i++) {
                items.add(new Object[] {(long) i, l.get(i)});
            }
        } else if (v != null) {
            throw new IllegalArgumentException("range can't iterate over " + TemplateFunctions.print(v));
        }
        if (items.isEmpty()) {
            run(r.otherwise(), dot, vars, out);
            return;
        }
        for (Object[] kv : items) {
            if (r.keyVar() != null) {
                vars.put(r.keyVar(), kv[0]);
            }
            if (r.valueVar() != null) {
                vars.put(r.valueVar(), kv[1]);
            }
            run(r.body(), kv[1], vars, out);
        }
    }

    private Object pipeline(Pipeline p, Object dot, Map<String, Object> vars) {
        Object value = null;
        boolean piped = false;
        for (Command c : p.commands()) {
            value = command(c, dot, vars, piped, value);
            piped = true;
        }
        if (p.declare() != null) {
            vars.put(p.declare(), value);
        }
        return value;
    }

    private Object command(Command c, Object dot, Map<String, Object> vars, boolean piped, Object input) {
        Arg first = c.args().get(0);
        if (first instanceof TemplateNodes.Function f) {
            List<Object> args = new ArrayList<>(c.args().size());
            for (int i = 1; i < c.args().size(); i++) {
                args.add(arg(c.args().get(i), dot, vars));
            }
            if (piped) {
                args.add(input);
            }
            return TemplateFunctions.call(f.name(), args);
        }
        if (c.args().size() > 1 || piped) {
            throw new IllegalArgumentException("can't give argument to non-function " + describe(first));
        }
        return arg(first, dot, vars);
    }

    private Object arg(Arg a, Object dot, Map<String, Object> vars) {
        return switch (a) {
            case TemplateNodes.Literal l -> l.value();
            case TemplateNodes.Variable v -> {
                if (!vars.containsKey(v.name())) {
                    throw new IllegalArgumentException("undefined variable: " + v.name());
                }
                yield fields(vars.get(v.name()), v.fields());
            }
            case TemplateNodes.Field f -> fields(dot, f.fields());
            case TemplateNodes.Sub s -> fields(pipeline(s.pipeline(), dot, vars), s.fields());
            case TemplateNodes.Function f -> TemplateFunctions.call(f.name(), List.of());
        };
    }

    private static Object fields(Object value, List<String> fields) {
        Object v = value;
        for (String f : fields) {
            v = switch (v) {
                case AlertTemplate.Data d -> switch (f) {
                    case "Labels" -> d.labels();
                    case "ExternalLabels" -> d.externalLabels();
                    case "ExternalURL" -> d.externalUrl();
                    case "Value" -> d.value();
                    default -> throw new IllegalArgumentException("can't evaluate field " + f);
                };
                case Map<?, ?> m -> {
                    Object x = m.get(f);
                    yield x == null ? "" : x;
                }
                case null, default -> throw new IllegalArgumentException("can't evaluate field " + f + " in type "
                        + (v == null ? "nil" : v.getClass().getSimpleName()));
            };
        }
        return v;
    }

    static boolean truth(Object v) {
        return switch (v) {
            case null -> false;
            case Boolean b -> b;
            case String s -> !s.isEmpty();
            case Double d -> d != 0;
            case Long l -> l != 0;
            case Map<?, ?> m -> !m.isEmpty();
            case List<?> l -> !l.isEmpty();
            default -> true;
        };
    }

    private static String describe(Arg a) {
        return switch (a) {
            case TemplateNodes.Variable v -> v.name() + (v.fields().isEmpty() ? "" : "." + String.join(".", v.fields()));
            case TemplateNodes.Field f -> "." + String.join(".", f.fields());
            default -> a.toString();
        };
    }
}
