package io.strata.ruler;

import io.strata.model.Labels;

/** A sample produced by a recording rule (or the {@code ALERTS} series), as remote-written. */
public record RecordedSample(Labels labels, double value, long timestampMillis) {}
