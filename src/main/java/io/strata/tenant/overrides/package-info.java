/**
 * The {@code tenants/} directory: one {@code <tenant>.yaml} per tenant with limit overrides (Loki's
 * {@code limits_config} names) and basic-auth users (bcrypt hashes, scopes, LBAC selectors), loaded
 * strictly and re-polled so changes apply without a restart; an invalid file never replaces the
 * last valid version. See README.md here.
 */
package io.strata.tenant.overrides;
