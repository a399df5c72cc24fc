package io.strata.logql.log;

import java.util.List;

/**
 * The function map a {@link Template} is parsed and run with: which names exist (unknown names fail
 * at parse time, as in Go) and how a call is made. {@link TemplateBuiltins} holds Go's builtins;
 * Loki's {@code line_format}/{@code label_format} map is {@link TemplateFunctions}, the ruler's
 * Prometheus alert map lives in {@code io.strata.ruler}. Implementations are stateless.
 *
 * <p>A function signals a failure of its own with any RuntimeException (reported as Go's
 * {@code error calling f: <message>}), and wrong arity or argument types with {@link ArgumentError}
 * (reported with the bare message, as Go's {@code text/template} does).
 */
public interface TemplateFunctionMap {
    /** Whether {@code name} is a function of this map. */
    boolean defines(String name);

    /** Calls {@code name} (one {@link #defines defined}); {@code state} is the running execution. */
    Object call(String name, List<Object> args, Template.State state);

    /** Wrong arity or argument type (reported without the "error calling" prefix, as Go does). */
    final class ArgumentError extends RuntimeException {
        public ArgumentError(String message) {
            super(message, null, false, false);
        }
    }
}
