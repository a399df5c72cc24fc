package io.strata.ruler;

import io.strata.logql.log.Template;
import io.strata.model.Labels;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Prometheus alert label or annotation template: Go's {@code text/template} (the engine shared with
 * LogQL's {@code line_format}, {@link Template}) with Prometheus' function map ({@link TemplateFunctions}),
 * the data {@code .Labels}, {@code .ExternalLabels}, {@code .ExternalURL}, {@code .Value} and the
 * variables {@code $labels}, {@code $externalLabels}, {@code $externalURL}, {@code $value}; a missing
 * label reads as {@code ""} ({@code missingkey=zero}). Immutable and thread-safe once parsed.
 *
 * <p>Like Prometheus, an expansion error does not fail the evaluation: the text becomes
 * {@code <error expanding template: ...>}.
 */
public final class AlertTemplate {
    private static final int MAX_OUTPUT = 1 << 20;

    private final Template template;
    private final String plainText;

    private AlertTemplate(Template template, String plainText) {
        this.template = template;
        this.plainText = plainText;
    }

    /** Parses a template; throws {@link IllegalArgumentException} with a Go-style message. */
    public static AlertTemplate parse(String name, String text) {
        if (!text.contains("{{")) {
            return literal(text);
        }
        return new AlertTemplate(Template.parse(text, name, TemplateFunctions.INSTANCE), null);
    }

    /** A template that expands to {@code text} as it is. */
    static AlertTemplate literal(String text) {
        return new AlertTemplate(null, text);
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

    /**
     * Data a template sees: {@code .Labels}, {@code .ExternalLabels}, {@code .ExternalURL}, {@code .Value}.
     * The label maps are copied once into {@link Template.LabelMap}s (missing label = {@code ""}), so
     * one Data serves all the templates of a rule.
     */
    public record Data(Map<String, String> labels, Map<String, String> externalLabels, String externalUrl,
            double value) {
        public Data {
            labels = zeroMap(labels);
            externalLabels = zeroMap(externalLabels);
        }

        /** The data of one result series. */
        static Data of(Labels labels, Map<String, String> externalLabels, String externalUrl, double value) {
            Template.LabelMap m = new Template.LabelMap();
            labels.forEach(m::put);
            return new Data(m, externalLabels, externalUrl, value);
        }
    }

    /** Expands the template; never throws (errors become the text, as in Prometheus). */
    public String expand(Data data) {
        if (plainText != null) {
            return plainText;
        }
        Dot dot = new Dot((Template.LabelMap) data.labels(), (Template.LabelMap) data.externalLabels(),
                data.externalUrl(), data.value());
        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put("$labels", dot.labels());
        vars.put("$externalLabels", dot.externalLabels());
        vars.put("$externalURL", dot.externalUrl());
        vars.put("$value", dot.value());
        try {
            return template.execute(dot, vars, MAX_OUTPUT);
        } catch (Template.ExecutionException e) {
            return "<error expanding template: " + e.getMessage() + ">";
        }
    }

    private static Template.LabelMap zeroMap(Map<String, String> m) {
        if (m instanceof Template.LabelMap l) {
            return l;
        }
        Template.LabelMap out = new Template.LabelMap();
        if (m != null) {
            out.putAll(m);
        }
        return out;
    }

    /** Prometheus' template data struct ({@code template.AlertTemplateData}). */
    private record Dot(Template.LabelMap labels, Template.LabelMap externalLabels, String externalUrl, double value)
            implements Template.Struct {
        @Override
        public Object field(String name) {
            return switch (name) {
                case "Labels" -> labels;
                case "ExternalLabels" -> externalLabels;
                case "ExternalURL" -> externalUrl;
                case "Value" -> value;
                default -> NO_FIELD;
            };
        }

        @Override
        public String goType() {
            return "struct { Labels map[string]string; ExternalLabels map[string]string; ExternalURL string; "
                    + "Value interface {} }";
        }
    }
}
