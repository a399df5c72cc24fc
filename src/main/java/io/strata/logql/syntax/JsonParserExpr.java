package io.strata.logql.syntax;

import java.util.List;

/** {@code | json} (no extractions: extract all) or {@code | json a="x.y", b}. */
public record JsonParserExpr(List<LabelExtraction> extractions) implements StageExpr {
    public JsonParserExpr {
        extractions = List.copyOf(extractions);
    }
}
