package io.strata.logql.syntax;

import java.util.Map;

/**
 * LogQL's keyword tables. {@link #KEYWORDS} are always keywords (case-insensitive), including the
 * two-character operators; {@link #FUNCTIONS} are keywords only when followed by {@code (} or by
 * {@code by/without (}, otherwise identifiers.
 */
final class Keywords {
    private Keywords() {
    }

    static final Map<String, Tok> KEYWORDS = Map.ofEntries(
            Map.entry(",", Tok.COMMA), Map.entry(".", Tok.DOT), Map.entry("{", Tok.OPEN_BRACE),
            Map.entry("}", Tok.CLOSE_BRACE), Map.entry("=", Tok.EQ), Map.entry("!=", Tok.NEQ),
            Map.entry("=~", Tok.RE), Map.entry("!~", Tok.NRE), Map.entry("!>", Tok.NPA),
            Map.entry("|=", Tok.PIPE_EXACT), Map.entry("|~", Tok.PIPE_MATCH), Map.entry("|>", Tok.PIPE_PATTERN),
            Map.entry("|", Tok.PIPE), Map.entry("unwrap", Tok.UNWRAP), Map.entry("(", Tok.OPEN_PARENTHESIS),
            Map.entry(")", Tok.CLOSE_PARENTHESIS), Map.entry("by", Tok.BY), Map.entry("without", Tok.WITHOUT),
            Map.entry("bool", Tok.BOOL), Map.entry("[", Tok.OPEN_BRACKET), Map.entry("]", Tok.CLOSE_BRACKET),
            Map.entry("label_replace", Tok.LABEL_REPLACE), Map.entry("offset", Tok.OFFSET), Map.entry("on", Tok.ON),
            Map.entry("ignoring", Tok.IGNORING), Map.entry("group_left", Tok.GROUP_LEFT),
            Map.entry("group_right", Tok.GROUP_RIGHT), Map.entry("or", Tok.OR), Map.entry("and", Tok.AND),
            Map.entry("unless", Tok.UNLESS), Map.entry("+", Tok.ADD), Map.entry("-", Tok.SUB), Map.entry("*", Tok.MUL),
            Map.entry("/", Tok.DIV), Map.entry("%", Tok.MOD), Map.entry("^", Tok.POW), Map.entry("==", Tok.CMP_EQ),
            Map.entry(">", Tok.GT), Map.entry(">=", Tok.GTE), Map.entry("<", Tok.LT), Map.entry("<=", Tok.LTE),
            Map.entry("json", Tok.JSON), Map.entry("regexp", Tok.REGEXP), Map.entry("logfmt", Tok.LOGFMT),
            Map.entry("unpack", Tok.UNPACK), Map.entry("pattern", Tok.PATTERN), Map.entry("label_format", Tok.LABEL_FMT),
            Map.entry("line_format", Tok.LINE_FMT), Map.entry("ip", Tok.IP), Map.entry("decolorize", Tok.DECOLORIZE),
            Map.entry("drop", Tok.DROP), Map.entry("keep", Tok.KEEP));

    static final Map<String, Tok> FUNCTIONS = Map.ofEntries(
            Map.entry("rate", Tok.RATE), Map.entry("rate_counter", Tok.RATE_COUNTER),
            Map.entry("count_over_time", Tok.COUNT_OVER_TIME), Map.entry("bytes_rate", Tok.BYTES_RATE),
            Map.entry("bytes_over_time", Tok.BYTES_OVER_TIME), Map.entry("avg_over_time", Tok.AVG_OVER_TIME),
            Map.entry("sum_over_time", Tok.SUM_OVER_TIME), Map.entry("min_over_time", Tok.MIN_OVER_TIME),
            Map.entry("max_over_time", Tok.MAX_OVER_TIME), Map.entry("stdvar_over_time", Tok.STDVAR_OVER_TIME),
            Map.entry("stddev_over_time", Tok.STDDEV_OVER_TIME), Map.entry("quantile_over_time", Tok.QUANTILE_OVER_TIME),
            Map.entry("first_over_time", Tok.FIRST_OVER_TIME), Map.entry("last_over_time", Tok.LAST_OVER_TIME),
            Map.entry("absent_over_time", Tok.ABSENT_OVER_TIME), Map.entry("vector", Tok.VECTOR),
            Map.entry("sum", Tok.SUM), Map.entry("avg", Tok.AVG), Map.entry("max", Tok.MAX), Map.entry("min", Tok.MIN),
            Map.entry("count", Tok.COUNT), Map.entry("stddev", Tok.STDDEV), Map.entry("stdvar", Tok.STDVAR),
            Map.entry("bottomk", Tok.BOTTOMK), Map.entry("topk", Tok.TOPK), Map.entry("sort", Tok.SORT),
            Map.entry("sort_desc", Tok.SORT_DESC), Map.entry("label_replace", Tok.LABEL_REPLACE),
            Map.entry("approx_topk", Tok.APPROX_TOPK), Map.entry("bytes", Tok.BYTES_CONV),
            Map.entry("duration", Tok.DURATION_CONV), Map.entry("duration_seconds", Tok.DURATION_SECONDS_CONV),
            Map.entry("ip", Tok.IP));
}
