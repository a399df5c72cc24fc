package io.strata.logql.syntax;

import java.util.List;
import java.util.Objects;

/** {@code | label_format dst=src, dst2="{{.x}}"}: renames and templates, in written order. */
public record LabelFormatExpr(List<LabelFormat> formats) implements StageExpr {
    public LabelFormatExpr {
        formats = List.copyOf(formats);
    }

    /**
     * One format: with {@code rename} {@code name=value} renames label {@code value} to
     * {@code name}; otherwise {@code value} is a template.
     */
    public record LabelFormat(String name, String value, boolean rename) {
        public LabelFormat {
            Objects.requireNonNull(name);
            Objects.requireNonNull(value);
        }
    }
}
