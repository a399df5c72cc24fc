package io.strata.logql.script;

import io.strata.logql.engine.EngineOptions;
import io.strata.logql.engine.LogqlEngine;
import io.strata.logql.engine.Querier;
import io.strata.logql.engine.QueryGuard;
import io.strata.logql.engine.QueryRequest;
import io.strata.logql.engine.QueryResult;
import io.strata.logql.script.LogqlScript.Eval;
import io.strata.model.Direction;
import io.strata.model.PushStream;
import io.strata.model.StrataException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Runs the commands of one script in order against data loaded through a {@link QuerierFactory}.
 * Each {@code eval} becomes one check ({@link #check}) that runs the query, compares the result
 * with the expectation ({@link ResultCheck}) and then the automatic checks: print→parse round
 * trip, instant == the matching step of a range query (and every range step == an instant
 * query), forward == reversed backward when no limit cuts (and no interval thins).
 */
final class ScriptRunner {
    private static final int MAX_CROSS_CHECK_STEPS = 30;

    private final QuerierFactory factory;
    private final List<PushStream> loaded = new ArrayList<>();
    private Querier querier;
    private int maxSeries = EngineOptions.DEFAULTS.maxQuerySeries();
    private int maxEntries = EngineOptions.DEFAULTS.maxEntriesLimitPerQuery();

    ScriptRunner(QuerierFactory factory) {
        this.factory = factory;
    }

    /** Applies a non-eval command; returns a runnable check for an eval (bound to the data loaded so far). */
    Runnable apply(LogqlScript.Command command) {
        switch (command) {
            case LogqlScript.Load l -> {
                loaded.addAll(l.streams());
                querier = null;
                return null;
            }
            case LogqlScript.Set s -> {
                switch (s.option()) {
                    case "max_query_series" -> maxSeries = s.value();
                    case "max_entries" -> maxEntries = s.value();
                    default -> throw new IllegalArgumentException("unknown option " + s.option());
                }
                return null;
            }
            case Eval e -> {
                if (querier == null) {
                    querier = factory.load(List.copyOf(loaded));
                }
                LogqlEngine engine = new LogqlEngine(querier, new EngineOptions(maxSeries, maxEntries, true));
                return () -> check(engine, e);
            }
        }
    }

    static void check(LogqlEngine engine, Eval e) {
        QueryRequest request = request(e);
        Supplier<QueryResult> run = () -> engine.query(request, QueryGuard.NONE);
        if (e.expectation() instanceof LogqlScript.Failure f) {
            ResultCheck.failure(f, run);
            return;
        }
        QueryResult result;
        try {
            result = run.get();
        } catch (StrataException ex) {
            throw new AssertionError("query failed unexpectedly: " + ex.getMessage(), ex);
        }
        ResultCheck.matches(e, result);
        RoundTrip.check(e.query());
        switch (e.kind()) {
            case INSTANT -> CrossCheck.instantEqualsRangeStep(engine, e, result);
            case RANGE -> CrossCheck.rangeStepsEqualInstants(engine, e, result, MAX_CROSS_CHECK_STEPS);
            case LOGS -> {
                if (e.intervalNanos() == 0) {
                    CrossCheck.forwardEqualsReversedBackward(engine, request, (QueryResult.Streams) result);
                }
            }
        }
    }

    static QueryRequest request(Eval e) {
        return switch (e.kind()) {
            case INSTANT -> QueryRequest.instant(e.query(), e.startNanos()).withLimit(e.limit())
                    .withDirection(e.direction());
            case RANGE, LOGS -> new QueryRequest(e.query(), e.startNanos(), e.endNanos(),
                    e.stepNanos() > 0 ? e.stepNanos() : defaultStep(e), e.intervalNanos(), e.limit(),
                    e.direction() == null ? Direction.BACKWARD : e.direction(), false);
        };
    }

    /** Loki's default step: max(1 s, floor((end − start) / 250)) rounded to seconds. */
    private static long defaultStep(Eval e) {
        long seconds = Math.max(1, (e.endNanos() - e.startNanos()) / 250 / 1_000_000_000L);
        return seconds * 1_000_000_000L;
    }
}
