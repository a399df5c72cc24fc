package io.strata.logql.log;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Go's {@code text/template} builtins ({@code and or not len index slice print printf println eq ne
 * lt le gt ge html js urlquery call}) and the value rules every function map shares: truth, Go type
 * names, argument checks. Values are Java objects: String, Long (Go int), Double (float64), Boolean,
 * {@link GoTime}, Map, List, {@link Template.Struct}, null (nil). Stateless.
 */
public final class TemplateBuiltins implements TemplateFunctionMap {
    public static final Set<String> NAMES = Set.of("and", "or", "not", "len", "index", "slice", "print", "printf",
            "println", "eq", "ne", "lt", "le", "gt", "ge", "html", "js", "urlquery", "call");
    public static final TemplateBuiltins INSTANCE = new TemplateBuiltins();

    private TemplateBuiltins() {}

    @Override
    public boolean defines(String name) {
        return NAMES.contains(name);
    }

    @Override
    public Object call(String name, List<Object> args, Template.State state) {
        return call(name, args);
    }

    /** Calls a builtin; an unknown name is an {@link TemplateFunctionMap.ArgumentError}. */
    public static Object call(String fn, List<Object> a) {
        return switch (fn) {
            case "and" -> { atLeast(fn, a, 1); Object r = a.get(0); for (Object o : a) { r = o; if (!truth(o)) { break; } } yield r; }
            case "or" -> { atLeast(fn, a, 1); Object r = a.get(0); for (Object o : a) { r = o; if (truth(o)) { break; } } yield r; }
            case "not" -> { arity(fn, a, 1); yield !truth(a.get(0)); }
            case "len" -> { arity(fn, a, 1); yield length(a.get(0)); }
            case "index" -> index(a);
            case "slice" -> slice(a);
            case "print" -> GoFormat.sprint(a);
            case "println" -> GoFormat.sprintln(a);
            case "printf" -> { atLeast(fn, a, 1); yield GoFormat.sprintf(str(a.get(0)), a.subList(1, a.size())); }
            case "eq" -> { atLeast(fn, a, 2); boolean r = false; for (int i = 1; i < a.size(); i++) { r |= compare(a.get(0), a.get(i), true) == 0; } yield r; }
            case "ne" -> { arity(fn, a, 2); yield compare(a.get(0), a.get(1), true) != 0; }
            case "lt" -> { arity(fn, a, 2); yield compare(a.get(0), a.get(1), false) < 0; }
            case "le" -> { arity(fn, a, 2); yield compare(a.get(0), a.get(1), false) <= 0; }
            case "gt" -> { arity(fn, a, 2); yield compare(a.get(0), a.get(1), false) > 0; }
            case "ge" -> { arity(fn, a, 2); yield compare(a.get(0), a.get(1), false) >= 0; }
            case "html" -> GoFormat.html(GoFormat.sprint(a));
            case "js" -> GoFormat.js(GoFormat.sprint(a));
            case "urlquery" -> URLEncoder.encode(GoFormat.sprint(a), StandardCharsets.UTF_8);
            case "call" -> throw new ArgumentError("call of nil");
            default -> throw new ArgumentError("function \"" + fn + "\" not defined");
        };
    }

    /** Go's template truth: false, 0, nil, and empty strings, maps and lists are false. */
    public static boolean truth(Object v) {
        return switch (v) {
            case null -> false;
            case Boolean b -> b;
            case String s -> !s.isEmpty();
            case Long l -> l != 0;
            case Double d -> d != 0;
            case Map<?, ?> m -> !m.isEmpty();
            case List<?> l -> !l.isEmpty();
            default -> true;
        };
    }

    /** Go's name of the value's type, as {@code %T} and error messages print it. */
    public static String typeName(Object v) {
        return switch (v) {
            case null -> "<nil>";
            case String s -> "string";
            case Long l -> "int";
            case Double d -> "float64";
            case Boolean b -> "bool";
            case GoTime t -> "time.Time";
            case Template.LabelMap m -> "map[string]string";
            case Map<?, ?> m -> "map[string]interface {}";
            case List<?> l -> "[]interface {}";
            case Template.Struct s -> s.goType();
            default -> v.getClass().getSimpleName();
        };
    }

    public static void arity(String fn, List<Object> a, int n) {
        if (a.size() != n) {
            throw new ArgumentError("wrong number of args for " + fn + ": want " + n + " got " + a.size());
        }
    }

    public static void atLeast(String fn, List<Object> a, int n) {
        if (a.size() < n) {
            throw new ArgumentError("wrong number of args for " + fn + ": want at least " + n + " got " + a.size());
        }
    }

    /** An argument of Go type {@code goType}; any other type is Go's argument type error. */
    public static <T> T argument(Object v, Class<T> type, String goType) {
        if (type.isInstance(v)) {
            return type.cast(v);
        }
        throw new ArgumentError("wrong type for value; expected " + goType + "; got " + typeName(v));
    }

    /** A string argument. */
    public static String str(Object v) {
        return argument(v, String.class, "string");
    }

    /** An int argument. */
    public static long integer(Object v) {
        return argument(v, Long.class, "int");
    }

    private static Object length(Object v) {
        return switch (v) {
            case String s -> (long) s.getBytes(StandardCharsets.UTF_8).length;
            case Map<?, ?> m -> (long) m.size();
            case List<?> l -> (long) l.size();
            case null -> throw new ArgumentError("error calling len: len of nil pointer");
            default -> throw new RuntimeException("len of type " + typeName(v));
        };
    }

    private static Object index(List<Object> a) {
        if (a.isEmpty()) {
            throw new ArgumentError("wrong number of args for index: want at least 1 got 0");
        }
        Object v = a.get(0);
        for (int i = 1; i < a.size(); i++) {
            Object k = a.get(i);
            if (v instanceof Map<?, ?> m) {
                Object x = m.get(k);
                v = x == null && m instanceof Template.LabelMap ? "" : x; // a missing key is the zero value
            } else if (v instanceof List<?> l && k instanceof Long n) {
                if (n < 0 || n >= l.size()) {
                    throw new RuntimeException("index out of range: " + n);
                }
                v = l.get((int) (long) n);
            } else if (v instanceof String s && k instanceof Long n) {
                byte[] b = s.getBytes(StandardCharsets.UTF_8);
                if (n < 0 || n >= b.length) {
                    throw new RuntimeException("index out of range: " + n);
                }
                v = (long) (b[(int) (long) n] & 0xFF);
            } else {
                throw new RuntimeException("can't index item of type " + typeName(v));
            }
        }
        return v;
    }

    private static Object slice(List<Object> a) {
        Object v = a.get(0);
        if (!(v instanceof String s)) {
            if (v instanceof List<?> l) {
                int from = a.size() > 1 ? (int) integer(a.get(1)) : 0;
                int to = a.size() > 2 ? (int) integer(a.get(2)) : l.size();
                return List.copyOf(l.subList(from, to));
            }
            throw new RuntimeException("can't slice item of type " + typeName(v));
        }
        int from = a.size() > 1 ? (int) integer(a.get(1)) : 0;
        int to = a.size() > 2 ? (int) integer(a.get(2)) : s.length();
        if (from < 0 || to > s.length() || from > to) {
            throw new RuntimeException("index out of range: " + to);
        }
        return s.substring(from, to);
    }

    /** Go template comparison: basic kinds only; numbers of different kinds are incompatible. */
    private static int compare(Object x, Object y, boolean equality) {
        if (x instanceof Long a && y instanceof Long b) {
            return Long.compare(a, b);
        }
        if (x instanceof Double a && y instanceof Double b) {
            return a.equals(b) ? 0 : Double.compare(a, b);
        }
        if (x instanceof String a && y instanceof String b) {
            return a.compareTo(b);
        }
        if (equality && x instanceof Boolean a && y instanceof Boolean b) {
            return a == b ? 0 : 1;
        }
        if (equality && x == null && y == null) {
            return 0;
        }
        if (x == null || y == null || x instanceof Boolean || x instanceof Map || x instanceof List) {
            throw new RuntimeException(equality ? "incompatible types for comparison" : "invalid type for comparison");
        }
        throw new RuntimeException("incompatible types for comparison");
    }
}
