package io.strata.logql.engine;

import java.util.List;

/**
 * The engine's only view of storage (STYLE.md idea 2): select the streams a selector matches and
 * read their entries. The {@code query} package implements it over storage's read seam (head and
 * flushed data alike) for one tenant; {@link InMemoryQuerier} implements it for tests.
 *
 * <p>Contract: every returned stream matches all {@link SelectLogParams#matchers()}; its entries
 * lie in {@code [startNanos, endNanos)}, come in the requested direction (forward = oldest first),
 * and identical entries (same timestamp and line) of one stream appear once. Implementations may
 * use {@link SelectLogParams#requiredSubstrings()} to skip blocks; they never change results.
 */
public interface Querier {
    /** The matching streams, each with a lazily opened cursor; the caller closes every cursor it opens. */
    List<SelectedStream> selectLogs(SelectLogParams params);
}
