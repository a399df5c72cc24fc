package io.strata.logql.log;

import io.strata.model.Labels;

/**
 * A result label set split as Loki's {@code categorize-labels} encoding wants it: indexed stream
 * labels, structured metadata, and parsed labels (which include {@code __error__} and
 * {@code __error_details__}).
 */
public record CategorizedLabels(Labels stream, Labels structuredMetadata, Labels parsed) {}
