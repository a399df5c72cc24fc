package io.strata.logql.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.strata.model.Labels;
import io.strata.model.LogEntry;
import io.strata.model.Matcher;
import io.strata.model.StrataException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Window, step and operator semantics of the metric evaluators, on plans built by hand. */
class MetricEvaluationTest {
    private static final long S = 1_000_000_000L;
    private static final long T0 = 1_700_000_040L * S; // a multiple of 60 s
    private static final Labels POD_A = Labels.of("app", "api", "pod", "a");
    private static final Labels POD_B = Labels.of("app", "api", "pod", "b");
    private static final Labels CNT = Labels.of("app", "cnt");

    private final InMemoryQuerier querier = new InMemoryQuerier();
    private final LogqlEngine engine = new LogqlEngine(querier, EngineOptions.DEFAULTS);

    MetricEvaluationTest() {
        for (int s : new int[] {10, 20, 30, 40, 50}) {
            querier.push(POD_A, new LogEntry(T0 + s * S, "a " + s));
        }
        for (int s : new int[] {15, 25, 35}) {
            querier.push(POD_B, new LogEntry(T0 + s * S, "b " + s));
        }
        int[] c = {10, 20, 5, 15};
        for (int i = 0; i < c.length; i++) {
            querier.push(CNT, new LogEntry(T0 + (10 + 10 * i) * S, "c=" + c[i]));
        }
    }

    private static Plan.RangeAggregation range(RangeFunction f, String app, long rangeSeconds, long offsetSeconds) {
        return new Plan.RangeAggregation(f, 0.9, List.of(Matcher.equal("app", app)), List.of(),
                new CountingSamples(app.equals("cnt")), rangeSeconds * S, offsetSeconds * S,
                Labels.of("app", app));
    }

    private QueryResult instant(Plan plan, long atSeconds) {
        return engine.execute(plan, QueryRequest.instant("", T0 + atSeconds * S), QueryGuard.NONE);
    }

    private QueryResult range(Plan plan, long from, long to, long step) {
        return engine.execute(plan, QueryRequest.range("", T0 + from * S, T0 + to * S, step * S), QueryGuard.NONE);
    }

    private static QueryResult.Vector vector(Object... labelsAndValues) {
        List<QueryResult.Sample> out = new java.util.ArrayList<>();
        for (int i = 0; i < labelsAndValues.length; i += 3) {
            out.add(new QueryResult.Sample((Labels) labelsAndValues[i], (Long) labelsAndValues[i + 1],
                    ((Number) labelsAndValues[i + 2]).doubleValue()));
        }
        return new QueryResult.Vector(out);
    }

    private static long ms(long seconds) {
        return (T0 + seconds * S) / 1_000_000;
    }

    @Test
    void windowEndIsInclusiveAndStartExclusive() {
        // Q24: (+0, +30] holds +10, +20, +30
        assertEquals(vector(POD_A, ms(30), 3), filter(instant(range(RangeFunction.COUNT_OVER_TIME, "api", 30, 0), 30), POD_A));
        // Q23: range query start +20 end +60 step 20, [20s]
        QueryResult.Matrix m = (QueryResult.Matrix) range(range(RangeFunction.COUNT_OVER_TIME, "api", 20, 0), 20, 60, 20);
        assertEquals(List.of(new QueryResult.Point(ms(20), 2), new QueryResult.Point(ms(40), 2),
                new QueryResult.Point(ms(60), 1)), m.series().get(0).points());
    }

    private static QueryResult.Vector filter(QueryResult r, Labels only) {
        return new QueryResult.Vector(((QueryResult.Vector) r).samples().stream()
                .filter(s -> s.labels().equals(only)).toList());
    }

    @Test
    void offsetMovesTheWindowButNotTheTimestamp() {
        // Q25: [30s] offset 30s at +60 → window (+0, +30]
        assertEquals(vector(POD_A, ms(60), 3),
                filter(instant(range(RangeFunction.COUNT_OVER_TIME, "api", 30, 30), 60), POD_A));
    }

    @Test
    void statisticsOverUnwrappedValues() {
        assertEquals(31.25, single(instant(range(RangeFunction.STDVAR_OVER_TIME, "cnt", 60, 0), 60)));
        assertEquals(5.5901699437494745, single(instant(range(RangeFunction.STDDEV_OVER_TIME, "cnt", 60, 0), 60)));
        assertEquals(18.5, single(instant(range(RangeFunction.QUANTILE_OVER_TIME, "cnt", 60, 0), 60)));
        assertEquals(0.8333333333333334, single(instant(range(RangeFunction.RATE, "cnt", 60, 0), 60)));
        assertEquals(0.4166675, single(instant(range(RangeFunction.RATE_COUNTER, "cnt", 60, 0), 60)));
        assertEquals(10.0, single(instant(range(RangeFunction.FIRST_OVER_TIME, "cnt", 60, 0), 60)));
        assertEquals(15.0, single(instant(range(RangeFunction.LAST_OVER_TIME, "cnt", 60, 0), 60)));
        assertEquals(12.5, single(instant(range(RangeFunction.AVG_OVER_TIME, "cnt", 60, 0), 60)));
        assertEquals(5.0, single(instant(range(RangeFunction.MIN_OVER_TIME, "cnt", 60, 0), 60)));
        assertEquals(20.0, single(instant(range(RangeFunction.MAX_OVER_TIME, "cnt", 60, 0), 60)));
    }

    private static double single(QueryResult r) {
        List<QueryResult.Sample> s = ((QueryResult.Vector) r).samples();
        assertEquals(1, s.size(), s.toString());
        return s.get(0).value();
    }

    @Test
    void absentOverTimeOnlyWhenEveryWindowIsEmpty() {
        // Q33: [10s] start +0 end +60 step 20 → points at +0 and +60 only
        QueryResult.Matrix m = (QueryResult.Matrix) range(range(RangeFunction.ABSENT_OVER_TIME, "cnt", 10, 0), 0, 60, 20);
        assertEquals(List.of(new QueryResult.Series(CNT, List.of(new QueryResult.Point(ms(0), 1),
                new QueryResult.Point(ms(60), 1)))), m.series());
    }

    @Test
    void comparisonWithLiteralKeepsTheVectorValue() {
        Plan.Metric counts = range(RangeFunction.COUNT_OVER_TIME, "api", 60, 0);
        // Q36: 3 < count_over_time(...) → pod a 5
        assertEquals(vector(POD_A, ms(60), 5),
                instant(new Plan.Binary(BinaryOp.LT, false, null, new Plan.Literal(3), counts), 60));
        assertEquals(vector(POD_A, ms(60), 1, POD_B, ms(60), 0),
                instant(new Plan.Binary(BinaryOp.GT, true, null, counts, new Plan.Literal(3)), 60));
        Plan.Metric sum = new Plan.VectorAggregation(VectorOp.SUM, Grouping.NONE, 0, counts);
        assertEquals(Double.NaN, single(instant(new Plan.Binary(BinaryOp.DIV, false, null, sum, new Plan.Literal(0)), 60)));
    }

    @Test
    void oneToOneMatchingRejectsManyLeftSamples() {
        Plan.Metric counts = range(RangeFunction.COUNT_OVER_TIME, "api", 60, 0);
        Plan.Metric byApp = new Plan.VectorAggregation(VectorOp.SUM, new Grouping(false, List.of("app")), 0, counts);
        VectorMatching onApp = new VectorMatching(VectorMatching.Cardinality.ONE_TO_ONE, true, List.of("app"), List.of());
        StrataException e = assertThrows(StrataException.class,
                () -> instant(new Plan.Binary(BinaryOp.DIV, false, onApp, counts, byApp), 60));
        assertEquals("multiple matches for labels: many-to-one matching must be explicit (group_left/group_right)",
                e.getMessage());
        VectorMatching left = new VectorMatching(VectorMatching.Cardinality.MANY_TO_ONE, true, List.of("app"), List.of());
        assertEquals(vector(POD_A, ms(60), 0.625, POD_B, ms(60), 0.375),
                instant(new Plan.Binary(BinaryOp.DIV, false, left, counts, byApp), 60));
    }

    @Test
    void seriesLimitCountsFinalSeries() {
        LogqlEngine limited = new LogqlEngine(querier, new EngineOptions(1, 5000, true));
        Plan.Metric counts = range(RangeFunction.COUNT_OVER_TIME, "api", 60, 0);
        StrataException e = assertThrows(StrataException.class,
                () -> limited.execute(counts, QueryRequest.instant("", T0 + 60 * S), QueryGuard.NONE));
        assertEquals(EngineErrors.tooManySeries(1).getMessage(), e.getMessage());
        Plan.Metric sum = new Plan.VectorAggregation(VectorOp.SUM, Grouping.NONE, 0, counts);
        assertEquals(8.0, single(limited.execute(sum, QueryRequest.instant("", T0 + 60 * S), QueryGuard.NONE)));
    }

    @Test
    void literalQueriesAreScalarsOrOneSeries() {
        assertEquals(new QueryResult.Scalar(ms(60), 0), instant(new Plan.Literal(0), 60));
        QueryResult.Matrix m = (QueryResult.Matrix) range(new Plan.VectorLiteral(1), 5, 45, 20);
        // Q26: aligned to +0, +20, +40, +60
        assertEquals(List.of(new QueryResult.Point(ms(0), 1), new QueryResult.Point(ms(20), 1),
                new QueryResult.Point(ms(40), 1), new QueryResult.Point(ms(60), 1)), m.series().get(0).points());
    }
}
