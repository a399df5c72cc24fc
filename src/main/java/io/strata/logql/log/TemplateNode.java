package io.strata.logql.log;

import java.util.List;

/**
 * Parse tree of the Go {@code text/template} subset used by {@code line_format} and
 * {@code label_format}. {@code pos} is the byte offset in the template source (for Go-style error
 * positions). {@link #toString()} renders like Go's {@code parse} package (used in error context).
 */
sealed interface TemplateNode {
    /** Literal text between actions. */
    record Text(String text) implements TemplateNode {}

    /** {@code {{ pipeline }}}: prints the value unless the pipeline declares variables. */
    record Action(int pos, Pipe pipe) implements TemplateNode {
        @Override
        public String toString() {
            return "{{" + pipe + "}}";
        }
    }

    /** {@code if}/{@code with}/{@code range}: {@code elseList} may be null. */
    record Branch(int pos, Kind kind, Pipe pipe, List<TemplateNode> list, List<TemplateNode> elseList)
            implements TemplateNode {
        enum Kind { IF, WITH, RANGE }
    }

    /** {@code break} / {@code continue} inside range. */
    record Jump(boolean isBreak) implements TemplateNode {}

    /** A pipeline: optional variable declarations ({@code $x :=} or {@code $x =}) and commands. */
    record Pipe(int pos, List<String> decl, boolean assign, List<Command> cmds) {
        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder();
            if (!decl.isEmpty()) {
                sb.append(String.join(", ", decl)).append(assign ? " = " : " := ");
            }
            for (int i = 0; i < cmds.size(); i++) {
                if (i > 0) {
                    sb.append(" | ");
                }
                sb.append(cmds.get(i));
            }
            return sb.toString();
        }
    }

    /** One command of a pipeline: a function call or a single operand. */
    record Command(int pos, List<Arg> args) {
        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < args.size(); i++) {
                if (i > 0) {
                    sb.append(' ');
                }
                Arg a = args.get(i);
                if (a instanceof Arg.Sub s) {
                    sb.append('(').append(s.pipe()).append(')');
                } else {
                    sb.append(a);
                }
            }
            return sb.toString();
        }
    }

    /** Operands. */
    sealed interface Arg {
        /** {@code .a.b} (empty list = {@code .}). */
        record Field(List<String> path) implements Arg {
            @Override
            public String toString() {
                return path.isEmpty() ? "." : "." + String.join(".", path);
            }
        }

        /** {@code $x.a.b}. */
        record Variable(String name, List<String> path) implements Arg {
            @Override
            public String toString() {
                return path.isEmpty() ? name : name + "." + String.join(".", path);
            }
        }

        /** A function name. */
        record Identifier(String name) implements Arg {
            @Override
            public String toString() {
                return name;
            }
        }

        /** A string, number, char, bool or nil constant; {@code text} is the source text. */
        record Constant(Object value, String text) implements Arg {
            @Override
            public String toString() {
                return text;
            }
        }

        /** A parenthesised pipeline, possibly followed by field access. */
        record Sub(Pipe pipe, List<String> path) implements Arg {
            @Override
            public String toString() {
                return "(" + pipe + ")" + (path.isEmpty() ? "" : "." + String.join(".", path));
            }
        }
    }
}
