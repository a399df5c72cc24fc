package io.strata.logql.engine;

import io.strata.model.Labels;

/**
 * Turns log entries into samples for one range aggregation (the pipeline, the value — 1, line
 * bytes or an unwrapped label — the post-unwrap filters, and the range aggregation's grouping).
 * Built by the planner over {@code io.strata.logql.log}. Not thread-safe.
 */
public interface SampleSource {
    /** Name of the error label; a sample carrying it fails the query unless preserved. */
    String ERROR_LABEL = "__error__";
    /** A sample whose labels hold {@code __preserve_error__="true"} is kept as an ordinary series. */
    String PRESERVE_ERROR_LABEL = "__preserve_error__";

    ForStream forStream(Labels streamLabels);

    /** Bound to one stream; after {@code process} returned true, value and labels describe the sample. */
    interface ForStream {
        boolean process(long timestampNanos, byte[] buffer, int offset, int length, Labels metadata);

        double value();

        /** Series labels of the sample: grouped, or the full set when it carries {@code __error__}. */
        Labels labels();
    }
}
