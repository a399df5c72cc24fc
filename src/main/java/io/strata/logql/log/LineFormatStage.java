package io.strata.logql.log;

/**
 * {@code | line_format "tmpl"}: the template output replaces the line. The template sees every
 * visible label (including {@code __error__}/{@code __error_details__}), missing ones as
 * {@code ""}. On an execution error the line is unchanged and
 * {@code __error__="TemplateFormatErr"} is set with Go's message. {@code {{.x}}} alone is a fast
 * path (no template run). Parse errors: {@code invalid line template: …}.
 */
public final class LineFormatStage implements Stage {
    public static final String TEMPLATE_FORMAT_ERR = "TemplateFormatErr";

    private final Template template;
    private final String simpleField;
    private final Template.LabelMap data = new Template.LabelMap();

    public LineFormatStage(String template) {
        this.template = Template.parseForStage(template, "line", "invalid line template: ");
        this.simpleField = this.template.simpleField();
    }

    @Override
    public boolean process(long timestampNanos, Line line, LabelsBuilder labels) {
        if (simpleField != null) {
            String v = labels.get(simpleField);
            line.set(v == null ? "" : v);
            return true;
        }
        data.clear();
        labels.forEachVisible(data::put);
        try {
            line.set(template.execute(data, line.asString(), timestampNanos));
        } catch (Template.ExecutionException e) {
            labels.setError(TEMPLATE_FORMAT_ERR, e.getMessage());
        }
        return true;
    }
}
