package io.strata.logql.engine;

import io.strata.model.EntryIterator;
import io.strata.model.Labels;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A stream found by {@link Querier#selectLogs}: its stored (indexed) labels and a way to open a
 * cursor over its entries. Opening is deferred so that the engine reads one stream at a time
 * where it can; each opened cursor must be closed.
 */
public record SelectedStream(Labels labels, Supplier<EntryIterator> opener) {
    public SelectedStream {
        Objects.requireNonNull(labels, "labels");
        Objects.requireNonNull(opener, "opener");
    }

    public EntryIterator open() {
        return opener.get();
    }
}
