package io.strata.ruler;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The subset of Go's {@code text/template} that Prometheus alert labels and annotations use:
 * text, {@code {{ pipeline }}} with {@code |}, variables ({@code $labels}, {@code $value},
 * {@code $externalLabels}, {@code $externalURL}, {@code $x := ...}), fields ({@code .Labels.app},
 * {@code $labels.app}), string / number / bool literals, parentheses, {@code if / else if / else},
 * {@code with}, {@code range} over maps and lists, comments and {@code {{- -}}} trimming; functions
 * are in {@link TemplateFunctions}. Immutable and thread-safe once parsed.
 *
 * <p>Like Prometheus, an expansion error does not fail the evaluation: the text becomes
 * {@code <error expanding template: ...>}.
 */
public final class AlertTemplate {
    private final String name;
    private final List<TemplateNodes.Node> nodes;

    private AlertTemplate(String name, List<TemplateNodes.Node> nodes) {
        this.name = name;
        this.nodes = nodes;
    }

    /** Parses a template; throws {@link IllegalArgumentException} with a Go-style message. */
    public static AlertTemplate parse(String name, String text) {
        if (!text.contains("{{")) {
            return new AlertTemplate(name, List.of(new TemplateNodes.Text(text)));
        }
        return new AlertTemplate(name, new TemplateParser(name, text).parseAll());
    }

    /** The parse error of a template text, or null when it parses. */
    public static String parseError(String name, String text) {
        try {
            parse(name, text);
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    /** Data a template sees: {@code .Labels}, {@code .ExternalLabels}, {@code .ExternalURL}, {@code .Value}. */
    public record Data(Map<String, String> labels, Map<String, String> externalLabels, String externalUrl,
            double value) {}

    /** Expands the template; never throws (errors become the text, as in Prometheus). */
    public String expand(Data data) {
        if (nodes.size() == 1 && nodes.get(0) instanceof TemplateNodes.Text t) {
            return t.text();
        }
        Map<String, Object> vars = new HashMap<>();
        vars.put("$", data);
        vars.put("$labels", data.labels());
        vars.put("$externalLabels", data.externalLabels());
        vars.put("$externalURL", data.externalUrl());
        vars.put("$value", data.value());
        StringBuilder out = new StringBuilder();
        try {
            new TemplateEvaluator(name).run(nodes, data, vars, out);
            return out.toString();
        } catch (IllegalArgumentException | ArithmeticException e) {
            return "<error expanding template: template: " + name + ":1: " + e.getMessage() + ">";
        }
    }
}
