package io.strata.query;

import io.strata.model.Labels;

/**
 * How much one stream holds in a time range, as {@code index/stats} and {@code index/volume}
 * report it: entries and bytes (line bytes plus structured metadata bytes, uncompressed), and an
 * estimate of the chunks holding them. {@code labels} carries {@code __tenant_id__} for
 * multi-tenant queries.
 */
public record StreamUsage(Labels labels, long entries, long bytes, long chunks) {}
