/**
 * Who is calling and what they may do: tenant id validation, auth modes (none, header, JWT, basic), per-tenant limits (Loki's limits_config names) with overrides from tenants/, access policies. Uses config and model.
 */
package io.strata.tenant;
