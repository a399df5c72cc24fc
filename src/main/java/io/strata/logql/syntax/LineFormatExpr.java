package io.strata.logql.syntax;

import java.util.Objects;

/** {@code | line_format "template"} (Go text/template source, unparsed). */
public record LineFormatExpr(String template) implements StageExpr {
    public LineFormatExpr {
        Objects.requireNonNull(template);
    }
}
