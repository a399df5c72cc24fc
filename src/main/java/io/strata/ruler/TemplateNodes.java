package io.strata.ruler;

import java.util.List;

/** Syntax tree of an {@link AlertTemplate}. */
final class TemplateNodes {
    private TemplateNodes() {}

    sealed interface Node permits Text, Action, If, With, Range {}

    record Text(String text) implements Node {}

    /** {@code {{ pipeline }}}; prints unless the pipeline declares a variable. */
    record Action(Pipeline pipeline) implements Node {}

    record If(Pipeline condition, List<Node> then, List<Node> otherwise) implements Node {}

    record With(Pipeline value, List<Node> then, List<Node> otherwise) implements Node {}

    /** {@code range [$k, $v :=] pipeline}. */
    record Range(String keyVar, String valueVar, Pipeline value, List<Node> body, List<Node> otherwise)
            implements Node {}

    /** Commands joined by {@code |}; {@code declare} is a variable being set with {@code :=} / {@code =}, or null. */
    record Pipeline(String declare, List<Command> commands) {}

    record Command(List<Arg> args) {}

    sealed interface Arg permits Literal, Variable, Field, Function, Sub {}

    record Literal(Object value) implements Arg {}

    /** {@code $name.f1.f2}. */
    record Variable(String name, List<String> fields) implements Arg {}

    /** {@code .f1.f2} ({@code .} alone has no fields). */
    record Field(List<String> fields) implements Arg {}

    record Function(String name) implements Arg {}

    record Sub(Pipeline pipeline, List<String> fields) implements Arg {}
}
