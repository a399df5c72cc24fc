/**
 * The compactor: index compaction, retention (Loki's {@code retention_period} and
 * {@code retention_stream}), log deletion requests (Loki's delete API, processed after the cancel
 * period) and query-time filtering of deleted lines. Plain Java over {@code storage} and
 * {@code logql}; the api package schedules it and exposes the routes.
 */
package io.strata.compactor;
