/**
 * Plain value types shared by every layer: label sets, label matchers, log entries, query
 * direction, and the one error model ({@link io.strata.model.StrataException} with an
 * {@link io.strata.model.ErrorCategory}). Pure Java; depends on nothing of ours and on no
 * framework, so that {@code logql} and {@code storage} can both use it.
 */
package io.strata.model;
