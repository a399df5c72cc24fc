package io.strata.logql.log;

/**
 * One step of a log pipeline (line filter, parser, label filter, formatter, drop/keep).
 *
 * <p>Contract: {@link #process} sees one entry at a time: its timestamp, its current line and
 * the per-entry {@link LabelsBuilder}. It returns {@code false} to drop the entry, {@code true}
 * to keep it; it may rewrite the line through {@link Line#set} and change labels through the
 * builder. A stage never throws for bad <em>data</em>: data problems become {@code __error__}
 * labels (see README.md). Bad <em>configuration</em> (an invalid regex, template) is rejected
 * by the stage's constructor with a {@link io.strata.model.StrataException}.
 *
 * <p>Stages may keep scratch state and are therefore <b>not thread-safe</b>: one
 * {@link Pipeline} (and its stages) is used by one thread at a time.
 */
public interface Stage {
    boolean process(long timestampNanos, Line line, LabelsBuilder labels);

    /** True for stages that only look at the line and never touch labels (line filters). */
    default boolean isLineFilter() {
        return false;
    }
}
