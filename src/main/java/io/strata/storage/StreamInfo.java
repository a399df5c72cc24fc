package io.strata.storage;

import io.strata.model.Labels;

/** A stream known to storage: its fingerprint (see {@link Labels#fingerprint()}) and labels. */
public record StreamInfo(long fingerprint, Labels labels) {}
