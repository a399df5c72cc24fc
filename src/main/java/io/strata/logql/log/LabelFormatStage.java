package io.strata.logql.log;

import io.strata.model.StrataException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code | label_format dst=src, dst="tmpl", …}. A rename copies {@code src} into {@code dst}
 * (parsed category) and deletes {@code src}, only if {@code src} exists. A template writes
 * {@code dst} and keeps its sources. Formats run left to right, but every template of the stage
 * sees one snapshot of the labels taken at the stage's first template. Template errors set
 * {@code __error__="TemplateFormatErr"} and the stage continues with the next format.
 */
public final class LabelFormatStage implements Stage {
    /** One format: {@code rename} = {@code dst=src}, else {@code dst="template"}. */
    public record Format(String name, String value, boolean rename) {
        public static Format rename(String dst, String src) {
            return new Format(dst, src, true);
        }

        public static Format template(String dst, String template) {
            return new Format(dst, template, false);
        }
    }

    private final Format[] formats;
    private final Template[] templates;
    private final Template.LabelMap snapshot = new Template.LabelMap();

    public LabelFormatStage(List<Format> formats) {
        Set<String> seen = new HashSet<>();
        for (Format f : formats) {
            if (f.name().equals(LabelsBuilder.ERROR)) {
                throw StrataException.badRequest(f.name() + " cannot be formatted");
            }
            if (!seen.add(f.name())) {
                throw StrataException.badRequest("multiple label name '" + f.name() + "' not allowed in a single format operation");
            }
        }
        this.formats = formats.toArray(new Format[0]);
        this.templates = new Template[this.formats.length];
        for (int i = 0; i < this.formats.length; i++) {
            Format f = this.formats[i];
            if (!f.rename()) {
                templates[i] = Template.parseForStage(f.value(), "label", "invalid template for label '" + f.name() + "': ");
            }
        }
    }

    @Override
    public boolean process(long timestampNanos, Line line, LabelsBuilder labels) {
        boolean snapped = false;
        for (int i = 0; i < formats.length; i++) {
            Format f = formats[i];
            if (f.rename()) {
                String v = labels.get(f.value());
                if (v != null && !(v.isEmpty() && !labels.hasParsed(f.value()))) {
                    labels.setParsed(f.name(), v);
                    labels.delete(f.value());
                }
                continue;
            }
            if (!snapped) {
                snapshot.clear();
                labels.forEachVisible(snapshot::put);
                snapped = true;
            }
            try {
                labels.setParsed(f.name(), templates[i].execute(snapshot, line.asString(), timestampNanos));
            } catch (Template.ExecutionException e) {
                labels.setError(LineFormatStage.TEMPLATE_FORMAT_ERR, e.getMessage());
            }
        }
        return true;
    }
}
