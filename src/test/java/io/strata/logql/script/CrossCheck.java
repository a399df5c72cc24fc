package io.strata.logql.script;

import io.strata.logql.engine.LogqlEngine;
import io.strata.logql.engine.QueryGuard;
import io.strata.logql.engine.QueryRequest;
import io.strata.logql.engine.QueryResult;
import io.strata.logql.script.LogqlScript.Eval;
import io.strata.model.Direction;
import io.strata.model.Labels;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The checks the runner adds to every eval without being asked (STYLE.md "LogQL test scripts"). */
final class CrossCheck {
    private static final long MS = 1_000_000L;

    private CrossCheck() {}

    private static boolean skip(String query) {
        return query.contains("approx_topk");
    }

    /** An instant query equals the one-step range query at the same time. */
    static void instantEqualsRangeStep(LogqlEngine engine, Eval e, QueryResult instant) {
        if (skip(e.query())) {
            return;
        }
        QueryResult range = engine.query(QueryRequest.range(e.query(), e.startNanos(), e.startNanos(), MS),
                QueryGuard.NONE);
        List<QueryResult.Sample> fromRange = slice((QueryResult.Matrix) range, e.startNanos() / MS);
        List<QueryResult.Sample> fromInstant = switch (instant) {
            case QueryResult.Scalar s -> List.of(new QueryResult.Sample(Labels.EMPTY, s.timestampMillis(), s.value()));
            case QueryResult.Vector v -> sorted(v.samples());
            default -> throw new AssertionError("instant query gave " + instant);
        };
        if (!fromRange.equals(fromInstant)) {
            throw new AssertionError("instant result differs from the range query step\ninstant: " + fromInstant
                    + "\nrange:   " + fromRange);
        }
    }

    /** Every step of a range query equals an instant query at that step (up to {@code maxSteps} steps). */
    static void rangeStepsEqualInstants(LogqlEngine engine, Eval e, QueryResult range, int maxSteps) {
        if (skip(e.query())) {
            return;
        }
        List<Long> steps = ResultCheck.stepTimesMillis(e.startNanos(), e.endNanos(), ScriptRunner.request(e).stepNanos());
        if (steps.size() > maxSteps) {
            return;
        }
        for (long ms : steps) {
            QueryResult instant = engine.query(QueryRequest.instant(e.query(), ms * MS), QueryGuard.NONE);
            List<QueryResult.Sample> fromInstant = switch (instant) {
                case QueryResult.Scalar s -> List.of(new QueryResult.Sample(Labels.EMPTY, ms, s.value()));
                case QueryResult.Vector v -> sorted(v.samples());
                default -> throw new AssertionError("instant query gave " + instant);
            };
            List<QueryResult.Sample> fromRange = slice((QueryResult.Matrix) range, ms);
            if (!fromRange.equals(fromInstant)) {
                throw new AssertionError("range step " + ResultCheck.offset(ms * MS) + " differs from the instant query"
                        + "\nrange:   " + fromRange + "\ninstant: " + fromInstant);
            }
        }
    }

    private static List<QueryResult.Sample> slice(QueryResult.Matrix m, long ms) {
        List<QueryResult.Sample> out = new ArrayList<>();
        for (QueryResult.Series s : m.series()) {
            for (QueryResult.Point p : s.points()) {
                if (p.timestampMillis() == ms) {
                    out.add(new QueryResult.Sample(s.labels(), ms, p.value()));
                }
            }
        }
        return sorted(out);
    }

    private static List<QueryResult.Sample> sorted(List<QueryResult.Sample> in) {
        List<QueryResult.Sample> out = new ArrayList<>(in);
        out.sort(Comparator.comparing(QueryResult.Sample::labels));
        return out;
    }

    /** Forward equals reversed backward when the limit cut neither. */
    static void forwardEqualsReversedBackward(LogqlEngine engine, QueryRequest request, QueryResult.Streams result) {
        Direction other = request.direction() == Direction.FORWARD ? Direction.BACKWARD : Direction.FORWARD;
        QueryResult.Streams flipped = (QueryResult.Streams) engine.query(request.withDirection(other), QueryGuard.NONE);
        if (result.entryCount() >= request.limit() || flipped.entryCount() >= request.limit()) {
            return;
        }
        List<QueryResult.LogStream> reversed = new ArrayList<>();
        for (QueryResult.LogStream s : flipped.streams()) {
            List<QueryResult.Entry> entries = new ArrayList<>(s.entries());
            java.util.Collections.reverse(entries);
            reversed.add(new QueryResult.LogStream(s.labels(), entries));
        }
        if (!reversed.equals(result.streams())) {
            throw new AssertionError(other + " result reversed differs:\n" + ResultCheck.format(flipped));
        }
    }
}
