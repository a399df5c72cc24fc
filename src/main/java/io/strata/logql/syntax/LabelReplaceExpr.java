package io.strata.logql.syntax;

import java.util.Objects;

/** {@code label_replace(inner, "dst", "replacement", "src", "regex")}; the regex is validated by the parser. */
public record LabelReplaceExpr(SampleExpr inner, String dst, String replacement, String src, String regex)
        implements SampleExpr {
    public LabelReplaceExpr {
        Objects.requireNonNull(inner);
        Objects.requireNonNull(dst);
        Objects.requireNonNull(replacement);
        Objects.requireNonNull(src);
        Objects.requireNonNull(regex);
    }
}
