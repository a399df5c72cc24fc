/**
 * Plans and runs LogQL over storage's read seam: {@link io.strata.query.StorageQuerier} implements
 * the engine's querier for the tenants of a {@link io.strata.query.QueryContext} (multi-tenant
 * {@code __tenant_id__}, label-based access applied where streams are selected), and
 * {@link io.strata.query.QueryService} runs queries and the metadata lookups (labels, values,
 * series) with statistics and limits. Uses logql, storage and model; no framework.
 */
package io.strata.query;
