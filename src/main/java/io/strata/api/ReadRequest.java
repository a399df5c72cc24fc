package io.strata.api;

import io.strata.config.PrometheusDuration;
import io.strata.logql.engine.EngineOptions;
import io.strata.logql.engine.QueryGuard;
import io.strata.logql.syntax.BinOpExpr;
import io.strata.logql.syntax.Expr;
import io.strata.logql.syntax.LabelReplaceExpr;
import io.strata.logql.syntax.LiteralExpr;
import io.strata.logql.syntax.RangeAggregationExpr;
import io.strata.logql.syntax.SampleExpr;
import io.strata.logql.syntax.VectorAggregationExpr;
import io.strata.logql.syntax.VectorExpr;
import io.strata.model.ErrorCategory;
import io.strata.model.StrataException;
import io.strata.query.QueryContext;
import io.strata.query.QueryStatistics;
import io.strata.tenant.Limits;
import io.strata.tenant.TenantLimits;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/**
 * One read request as the query handlers see it: the {@link Caller} (from {@link RequestTenancy},
 * the only place tenants are resolved), Loki's parameter parsing, the effective limits (for a
 * multi-tenant read the smallest positive limit of its tenants, as Loki does) and the
 * {@link QueryContext} with deadline ({@code query_timeout}) and cancellation when the client
 * goes away. Created and used on one worker thread.
 */
final class ReadRequest {
    final Caller caller;
    final QueryParams params;
    final QueryLimits limits;
    final long nowNanos;
    private final AtomicBoolean clientGone = new AtomicBoolean();
    private BooleanSupplier cancellation = clientGone::get;
    private final QueryStatistics statistics = new QueryStatistics();

    private ReadRequest(Caller caller, QueryParams params, QueryLimits limits, long nowNanos) {
        this.caller = caller;
        this.params = params;
        this.limits = limits;
        this.nowNanos = nowNanos;
    }

    static ReadRequest of(RoutingContext ctx, RequestTenancy tenancy, TenantLimits tenantLimits, Clock clock,
            QueryTracker tracker) {
        Caller caller = tenancy.read(ctx);
        Instant now = clock.instant();
        long nowNanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
        MultiMap m = ctx.request().params();
        ReadRequest r = new ReadRequest(caller, new QueryParams(m::get, m::getAll, nowNanos),
                effectiveLimits(caller, tenantLimits), nowNanos);
        ctx.response().closeHandler(v -> r.clientGone.set(true));
        r.cancellation = tracker.cancellation(r.clientGone::get);
        return r;
    }

    /** A request for code that has no HTTP context (tests, benchmarks). */
    static ReadRequest of(Caller caller, QueryParams params, QueryLimits limits, long nowNanos) {
        return new ReadRequest(caller, params, limits, nowNanos);
    }

    QueryStatistics statistics() {
        return statistics;
    }

    /** The query context with the given series limit (≤ 0 none). */
    QueryContext context(int maxQuerySeries) {
        EngineOptions options = new EngineOptions(maxQuerySeries, limits.maxEntriesLimitPerQuery(), true);
        QueryGuard guard = QueryGuard.withTimeout(limits.queryTimeout().toNanos(), cancellation);
        return new QueryContext(caller.tenants(), caller.streamFilters(), options, guard, statistics);
    }

    QueryContext context() {
        return context(limits.maxQuerySeries());
    }

    /**
     * Loki's limits middleware on {@code [start, end]}: {@code max_query_lookback} moves the start
     * up to now − lookback, then {@code max_query_length} (compared at millisecond precision) is
     * checked on the clamped range. Returns the start to read from; a start after {@code end}
     * means the whole range is past the lookback and the answer is empty.
     */
    long limitRange(long startNanos, long endNanos) {
        long start = clampStart(startNanos);
        if (start <= endNanos) {
            checkLength(start, endNanos);
        }
        return start;
    }

    /**
     * Labels, label values and series do not check {@code end < start} when parsing; Loki's querier
     * then refuses the reversed range with {@code ErrQueryTooOld} (unless the front end already
     * answered empty because the whole range is before {@code max_query_lookback}).
     */
    void checkReversed(long startNanos, long endNanos) {
        if (endNanos >= startNanos) {
            return;
        }
        Duration lookback = limits.maxQueryLookback();
        boolean positive = !lookback.isZero() && !lookback.isNegative();
        if (positive && endNanos < nowNanos - lookback.toNanos()) {
            return;
        }
        throw StrataException.badRequest("this data is no longer available, it is past now - max_query_lookback ("
                + PrometheusDuration.formatPrometheus(positive ? lookback : Duration.ZERO) + ")");
    }

    /** {@code max_query_length}: 400 with Loki's text when {@code [start, end]} is longer. */
    void checkLength(long startNanos, long endNanos) {
        Duration max = limits.maxQueryLength();
        if (max.isZero() || max.isNegative()) {
            return;
        }
        Duration length = Duration.ofMillis(Math.floorDiv(endNanos, 1_000_000L) - Math.floorDiv(startNanos, 1_000_000L));
        if (length.compareTo(max) > 0) {
            throw StrataException.badRequest("the query time range exceeds the limit (query length: "
                    + PrometheusDuration.formatGo(length) + ", limit: " + PrometheusDuration.formatPrometheus(max) + ")");
        }
    }

    /** {@code max_query_lookback}: the start moved up to now − lookback (unchanged when not set). */
    long clampStart(long startNanos) {
        Duration lookback = limits.maxQueryLookback();
        if (lookback.isZero() || lookback.isNegative()) {
            return startNanos;
        }
        return Math.max(startNanos, nowNanos - lookback.toNanos());
    }

    /**
     * Loki's limited round tripper: with a TSDB schema the request parallelism is
     * {@code tsdb_max_query_parallelism}; below 1 querying is disabled: 429 with Loki's text.
     */
    void checkParallelism() {
        if (limits.tsdbMaxQueryParallelism() < 1) {
            throw new StrataException(ErrorCategory.RATE_LIMITED, "querying is disabled, please contact your Loki operator");
        }
    }

    /**
     * {@code max_query_range}: like Loki's engine, every {@code [range]} of a metric query is
     * compared with the limit and the last one (left to right) that is longer fails with 400
     * {@code [interval] value exceeds limit: [5m] > [1m]}.
     */
    void checkRangeIntervals(Expr expr) {
        Duration max = limits.maxQueryRange();
        if (max.isZero() || max.isNegative() || !(expr instanceof SampleExpr sample)) {
            return;
        }
        Duration[] worst = new Duration[1];
        forEachRange(sample, range -> {
            if (range.compareTo(max) > 0) {
                worst[0] = range;
            }
        });
        if (worst[0] != null) {
            throw StrataException.badRequest("[interval] value exceeds limit: [" + PrometheusDuration.formatPrometheus(worst[0])
                    + "] > [" + PrometheusDuration.formatPrometheus(max) + "]");
        }
    }

    private static void forEachRange(SampleExpr e, java.util.function.Consumer<Duration> out) {
        switch (e) {
            case RangeAggregationExpr r -> out.accept(r.range().range());
            case VectorAggregationExpr v -> forEachRange(v.inner(), out);
            case BinOpExpr b -> {
                forEachRange(b.left(), out);
                forEachRange(b.right(), out);
            }
            case LabelReplaceExpr l -> forEachRange(l.inner(), out);
            case LiteralExpr l -> { }
            case VectorExpr v -> { }
        }
    }

    /** True when {@code X-Query-Tags} says the request comes from Grafana Logs Drilldown. */
    static boolean fromDrilldown(RoutingContext ctx) {
        for (String header : ctx.request().headers().getAll("X-Query-Tags")) {
            for (String tag : header.split(",")) {
                int eq = tag.indexOf('=');
                if (eq > 0 && tag.substring(0, eq).trim().equalsIgnoreCase("source")
                        && tag.substring(eq + 1).trim().equalsIgnoreCase("grafana-lokiexplore-app")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** True when {@code X-Loki-Response-Encoding-Flags} carries {@code categorize-labels}. */
    static boolean categorize(RoutingContext ctx) {
        for (String h : ctx.request().headers().getAll("X-Loki-Response-Encoding-Flags")) {
            for (String flag : h.split(",")) {
                if (flag.trim().equals("categorize-labels")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The read limits of a request; for several tenants the smallest positive of each (timeout: the longest). */
    record QueryLimits(int maxEntriesLimitPerQuery, int maxQuerySeries, Duration maxQueryLength,
            Duration maxQueryLookback, Duration queryTimeout, Duration maxQueryRange, int tsdbMaxQueryParallelism) {
        static QueryLimits of(Limits l) {
            return new QueryLimits(l.maxEntriesLimitPerQuery(), l.maxQuerySeries(), l.maxQueryLength(),
                    l.maxQueryLookback(), l.queryTimeout(), l.maxQueryRange(), l.tsdbMaxQueryParallelism());
        }
    }

    private static QueryLimits effectiveLimits(Caller caller, TenantLimits tenantLimits) {
        QueryLimits q = QueryLimits.of(tenantLimits.forTenant(caller.tenants().get(0)));
        for (String t : caller.tenants()) {
            Limits l = tenantLimits.forTenant(t);
            q = new QueryLimits(smallestPositive(q.maxEntriesLimitPerQuery(), l.maxEntriesLimitPerQuery()),
                    smallestPositive(q.maxQuerySeries(), l.maxQuerySeries()),
                    smallestPositive(q.maxQueryLength(), l.maxQueryLength()),
                    smallestPositive(q.maxQueryLookback(), l.maxQueryLookback()),
                    l.queryTimeout().compareTo(q.queryTimeout()) > 0 ? l.queryTimeout() : q.queryTimeout(),
                    smallestPositive(q.maxQueryRange(), l.maxQueryRange()),
                    smallestPositive(q.tsdbMaxQueryParallelism(), l.tsdbMaxQueryParallelism()));
        }
        return q;
    }

    private static int smallestPositive(int a, int b) {
        if (a <= 0) {
            return b;
        }
        return b <= 0 ? a : Math.min(a, b);
    }

    private static Duration smallestPositive(Duration a, Duration b) {
        if (a.isZero() || a.isNegative()) {
            return b;
        }
        return b.isZero() || b.isNegative() ? a : (a.compareTo(b) <= 0 ? a : b);
    }
}
