package io.strata.logql.engine;

import io.strata.model.Labels;

/**
 * The runtime log pipeline as the log-query evaluator sees it: the planner builds one per query
 * over the stages of {@code io.strata.logql.log}. Per-stream instances are cached by the
 * implementation. Not thread-safe: one query evaluation uses it from one thread.
 */
public interface EntryPipeline {
    ForStream forStream(Labels streamLabels);

    /** The pipeline bound to one stream; after {@code process} returned true the accessors describe the entry. */
    interface ForStream {
        /** Runs every stage; false when the entry is dropped. */
        boolean process(long timestampNanos, byte[] buffer, int offset, int length, Labels metadata);

        /** The line after the stages. */
        String line();

        /** The final label set (stream, metadata, parsed, error labels). */
        Labels labels();

        /** Structured metadata of the entry as it is visible after the pipeline. */
        Labels structuredMetadata();

        /** Parsed labels (including {@code __error__} and {@code __error_details__}). */
        Labels parsed();
    }
}
