package io.strata.logql.syntax;

/** One stage of a log pipeline ({@code |= "x"}, {@code | json}, {@code | level="info"}, ...). */
public sealed interface StageExpr
        permits LineFilterExpr, LogfmtParserExpr, JsonParserExpr, RegexpParserExpr, PatternParserExpr,
                UnpackParserExpr, LabelFilterExpr, LineFormatExpr, LabelFormatExpr, DropLabelsExpr,
                KeepLabelsExpr, DecolorizeExpr {
}
