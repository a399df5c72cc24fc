package io.strata.ruler;

import io.strata.model.Labels;

/** An alert as the rules and alerts APIs show it; {@code activeAt} in epoch milliseconds. */
public record AlertSnapshot(Labels labels, Labels annotations, AlertState state, long activeAt, double value) {}
