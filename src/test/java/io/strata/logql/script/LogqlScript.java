package io.strata.logql.script;

import io.strata.model.Direction;
import io.strata.model.Labels;
import io.strata.model.PushStream;
import java.util.List;

/**
 * A parsed {@code .test} script (format in {@code src/test/resources/logql/README.md}): commands
 * in file order. Times in a script are offsets from the script epoch {@link #T0} (a Unix second
 * that is a multiple of 60), stored here as absolute nanoseconds.
 */
record LogqlScript(String name, List<Command> commands) {
    /** The script epoch: 2023-11-14T22:14:00Z, a multiple of 60 s, in nanoseconds. */
    static final long T0 = 1_700_000_040L * 1_000_000_000L;

    sealed interface Command {}

    /** {@code load logs}: streams with their entries. */
    record Load(List<PushStream> streams) implements Command {}

    /** {@code set max_query_series N} / {@code set max_entries N}. */
    record Set(String option, int value) implements Command {}

    /** One {@code eval}; {@code line} is its 1-based line number in the file. */
    record Eval(int line, Kind kind, String query, long startNanos, long endNanos, long stepNanos, int limit,
            Direction direction, long intervalNanos, Expectation expectation) implements Command {}

    enum Kind { INSTANT, RANGE, LOGS }

    sealed interface Expectation {}

    /** {@code expect fail [msg: text | quoted: "go string" | prefix: text | regex: re]}; a null text only expects a failure. */
    record Failure(String mode, String text) implements Expectation {}

    /** Instant vector in the expected order; {@code scalar} set for a scalar result. */
    record VectorResult(List<ExpectedSample> samples, Double scalar) implements Expectation {}

    record ExpectedSample(Labels labels, double value) {}

    /** Matrix: per series one value per step, null = no point. */
    record MatrixResult(List<ExpectedSeries> series) implements Expectation {}

    record ExpectedSeries(Labels labels, List<Double> values) {}

    /** Streams in expected order with their entries (time, line) in the query direction. */
    record StreamsResult(List<ExpectedStream> streams) implements Expectation {}

    record ExpectedStream(Labels labels, List<ExpectedEntry> entries) {}

    record ExpectedEntry(long timestampNanos, String line) {}
}
