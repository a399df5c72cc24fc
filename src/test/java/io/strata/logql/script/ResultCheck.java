package io.strata.logql.script;

import io.strata.logql.engine.QueryResult;
import io.strata.logql.script.LogqlScript.Eval;
import io.strata.model.ErrorCategory;
import io.strata.model.Labels;
import io.strata.model.StrataException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/** Compares a query result with a script expectation; failures show both sides in script syntax. */
final class ResultCheck {
    private ResultCheck() {}

    static void failure(LogqlScript.Failure f, Supplier<QueryResult> run) {
        QueryResult r;
        try {
            r = run.get();
        } catch (StrataException e) {
            if (e.category() == ErrorCategory.INTERNAL) {
                throw new AssertionError("internal error instead of a client error: " + e.getMessage(), e);
            }
            String m = e.getMessage();
            boolean ok = switch (f.mode()) {
                case "msg" -> m.equals(f.text());
                case "prefix" -> m.startsWith(f.text());
                case "regex" -> Pattern.compile(f.text()).matcher(m).find();
                default -> true;
            };
            if (!ok) {
                throw new AssertionError("wrong error (" + f.mode() + ")\nexpected: " + f.text() + "\nactual:   " + m);
            }
            return;
        } catch (RuntimeException e) {
            throw new AssertionError("expected a StrataException, got " + e, e);
        }
        throw new AssertionError("expected failure, got result:\n" + format(r));
    }

    static void matches(Eval e, QueryResult actual) {
        LogqlScript.Expectation x = e.expectation();
        boolean same = switch (x) {
            case LogqlScript.VectorResult v -> vectorMatches(v, actual, Math.floorDiv(e.startNanos(), 1_000_000L));
            case LogqlScript.MatrixResult m -> actual instanceof QueryResult.Matrix mx && matrixMatches(e, m, mx);
            case LogqlScript.StreamsResult s -> actual instanceof QueryResult.Streams st && streamsMatch(s, st);
            case LogqlScript.Failure f -> false;
        };
        if (!same) {
            throw new AssertionError("result differs for: " + e.query() + "\nexpected:\n" + format(x) + "actual:\n"
                    + format(actual));
        }
    }

    private static boolean vectorMatches(LogqlScript.VectorResult v, QueryResult actual, long timeMillis) {
        if (v.scalar() != null) {
            return actual instanceof QueryResult.Scalar s && Double.compare(s.value(), v.scalar()) == 0
                    && s.timestampMillis() == timeMillis;
        }
        if (!(actual instanceof QueryResult.Vector vec) || vec.samples().size() != v.samples().size()) {
            return false;
        }
        for (int i = 0; i < vec.samples().size(); i++) {
            QueryResult.Sample a = vec.samples().get(i);
            LogqlScript.ExpectedSample x = v.samples().get(i);
            if (!a.labels().equals(x.labels()) || Double.compare(a.value(), x.value()) != 0
                    || a.timestampMillis() != timeMillis) {
                return false;
            }
        }
        return true;
    }

    /** Evaluation times of a range query after step alignment, in ms. */
    static List<Long> stepTimesMillis(long startNanos, long endNanos, long stepNanos) {
        long start = Math.floorDiv(startNanos, stepNanos) * stepNanos;
        long end = -Math.floorDiv(-endNanos, stepNanos) * stepNanos;
        List<Long> out = new ArrayList<>();
        for (long t = start; t <= end; t += stepNanos) {
            out.add(Math.floorDiv(t, 1_000_000L));
        }
        return out;
    }

    private static boolean matrixMatches(Eval e, LogqlScript.MatrixResult m, QueryResult.Matrix actual) {
        List<Long> steps = stepTimesMillis(e.startNanos(), e.endNanos(), ScriptRunner.request(e).stepNanos());
        if (actual.series().size() != m.series().size()) {
            return false;
        }
        for (int i = 0; i < m.series().size(); i++) {
            LogqlScript.ExpectedSeries x = m.series().get(i);
            QueryResult.Series a = actual.series().get(i);
            if (x.values().size() != steps.size()) {
                throw new IllegalArgumentException("line " + e.line() + ": " + x.labels() + " has " + x.values().size()
                        + " values but the query has " + steps.size() + " steps");
            }
            if (!a.labels().equals(x.labels())) {
                return false;
            }
            List<QueryResult.Point> expected = new ArrayList<>();
            for (int k = 0; k < steps.size(); k++) {
                if (x.values().get(k) != null) {
                    expected.add(new QueryResult.Point(steps.get(k), x.values().get(k)));
                }
            }
            if (!expected.equals(a.points())) {
                return false;
            }
        }
        return true;
    }

    private static boolean streamsMatch(LogqlScript.StreamsResult s, QueryResult.Streams actual) {
        if (actual.streams().size() != s.streams().size()) {
            return false;
        }
        for (int i = 0; i < s.streams().size(); i++) {
            LogqlScript.ExpectedStream x = s.streams().get(i);
            QueryResult.LogStream a = actual.streams().get(i);
            if (!a.labels().equals(x.labels()) || a.entries().size() != x.entries().size()) {
                return false;
            }
            for (int k = 0; k < x.entries().size(); k++) {
                QueryResult.Entry ae = a.entries().get(k);
                LogqlScript.ExpectedEntry xe = x.entries().get(k);
                if (ae.timestampNanos() != xe.timestampNanos() || !ae.line().equals(xe.line())) {
                    return false;
                }
            }
        }
        return true;
    }

    static String offset(long nanos) {
        long d = nanos - LogqlScript.T0;
        if (d % 1_000_000_000L == 0) {
            return d / 1_000_000_000L + "s";
        }
        return d / 1_000_000L + "ms";
    }

    static String format(Object result) {
        StringBuilder sb = new StringBuilder();
        switch (result) {
            case QueryResult.Scalar s -> sb.append("  scalar ").append(ScriptText.formatValue(s.value())).append('\n');
            case QueryResult.Vector v -> v.samples().forEach(s -> sb.append("  ").append(s.labels()).append(' ')
                    .append(ScriptText.formatValue(s.value())).append('\n'));
            case QueryResult.Matrix m -> m.series().forEach(s -> {
                sb.append("  ").append(s.labels());
                s.points().forEach(p -> sb.append(' ').append(offset(p.timestampMillis() * 1_000_000L)).append('=')
                        .append(ScriptText.formatValue(p.value())));
                sb.append('\n');
            });
            case QueryResult.Streams st -> st.streams().forEach(s -> {
                sb.append("  ").append(s.labels()).append('\n');
                s.entries().forEach(en -> sb.append("    ").append(offset(en.timestampNanos())).append(' ')
                        .append(Labels.quote(en.line())).append('\n'));
            });
            case LogqlScript.VectorResult v -> {
                if (v.scalar() != null) {
                    sb.append("  scalar ").append(ScriptText.formatValue(v.scalar())).append('\n');
                }
                v.samples().forEach(s -> sb.append("  ").append(s.labels()).append(' ')
                        .append(ScriptText.formatValue(s.value())).append('\n'));
            }
            case LogqlScript.MatrixResult m -> m.series().forEach(s -> {
                sb.append("  ").append(s.labels());
                s.values().forEach(v -> sb.append(' ').append(v == null ? "_" : ScriptText.formatValue(v)));
                sb.append('\n');
            });
            case LogqlScript.StreamsResult st -> st.streams().forEach(s -> {
                sb.append("  ").append(s.labels()).append('\n');
                s.entries().forEach(en -> sb.append("    ").append(offset(en.timestampNanos())).append(' ')
                        .append(Labels.quote(en.line())).append('\n'));
            });
            default -> sb.append("  ").append(result).append('\n');
        }
        return sb.toString();
    }
}
