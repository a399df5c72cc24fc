package io.strata.model;

import java.util.List;
import java.util.Objects;

/** A stream of a push request after validation: its indexed labels and its entries. */
public record PushStream(Labels labels, List<LogEntry> entries) {
    public PushStream {
        Objects.requireNonNull(labels, "labels");
        entries = List.copyOf(entries);
    }
}
