package io.strata.logql.engine;

/**
 * Plain limits of the engine (per tenant; the {@code config}/{@code tenant} layers fill them in).
 *
 * @param maxQuerySeries           Loki's {@code max_query_series}: final series of a metric query (≤ 0: no limit)
 * @param maxEntriesLimitPerQuery  Loki's {@code max_entries_limit_per_query}: largest {@code limit} of a log query (≤ 0: no limit)
 * @param alignRangeSteps          round a range metric query's start down and end up to multiples of the step,
 *                                 as Loki's query frontend does (LOGQL.md §3.1)
 */
public record EngineOptions(int maxQuerySeries, int maxEntriesLimitPerQuery, boolean alignRangeSteps) {
    public static final EngineOptions DEFAULTS = new EngineOptions(500, 5000, true);
}
