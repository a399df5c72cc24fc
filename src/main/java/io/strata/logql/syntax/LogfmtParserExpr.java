package io.strata.logql.syntax;

import java.util.List;

/**
 * {@code | logfmt [--strict] [--keep-empty] [a="key", b, ...]}; no extractions means "extract all".
 */
public record LogfmtParserExpr(boolean strict, boolean keepEmpty, List<LabelExtraction> extractions)
        implements StageExpr {
    public LogfmtParserExpr {
        extractions = List.copyOf(extractions);
    }
}
