package io.strata.logql.engine;

import io.strata.model.ErrorCategory;
import io.strata.model.Labels;
import io.strata.model.StrataException;

/** The engine's failures, worded exactly as Loki 3.x words them (LOGQL.md §3.9, §3.15; API.md §1.5). */
public final class EngineErrors {
    private EngineErrors() {}

    /** A sample reached a range aggregation carrying {@code __error__} (Loki's PipelineError, verbatim). */
    public static StrataException pipelineError(Labels series) {
        String kind = series.get(SampleSource.ERROR_LABEL);
        return StrataException.badRequest("pipeline error: '" + kind + "' for series: '" + series + "'.\n"
                + "Use a label filter to intentionally skip this error. (e.g | __error__!=\"" + kind + "\").\n"
                + "To skip all potential errors you can match empty errors.(e.g __error__=\"\")\n"
                + "The label filter can also be specified after unwrap. (e.g | unwrap latency | __error__=\"\" )\n");
    }

    public static StrataException tooManySeries(int limit) {
        return StrataException.badRequest("maximum number of series (" + limit + ") reached for a single query; "
                + "consider reducing query cardinality by adding more specific stream selectors, reducing the time "
                + "range, or aggregating results with functions like sum(), count() or topk()");
    }

    public static StrataException maxEntries(int limit, int max) {
        return StrataException.badRequest("max entries limit per query exceeded, limit > max_entries_limit_per_query ("
                + limit + " > " + max + ")");
    }

    public static StrataException logQueryAsInstant() {
        return StrataException.badRequest("log queries are not supported as an instant query type, "
                + "please change your query to a range query type");
    }

    public static StrataException timeout() {
        return new StrataException(ErrorCategory.TIMEOUT, "request timed out, decrease the duration of the request "
                + "or add more label matchers (prefer exact match over regex match) to reduce the amount of data processed");
    }

    public static StrataException cancelled() {
        return new StrataException(ErrorCategory.CANCELLED, "the request was cancelled by the client");
    }
}
