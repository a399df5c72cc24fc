/**
 * Who is calling and what they may do: authentication modes ({@code none}, {@code header},
 * {@code jwt}, {@code basic} and comma lists of them), the {@link io.strata.tenant.auth.Identity}
 * they produce, Grafana-style {@link io.strata.tenant.auth.Scope}s per route
 * ({@link io.strata.tenant.auth.ScopePolicy}) and the tenant(s) a request may use
 * ({@link io.strata.tenant.auth.TenantResolution}). Framework-light: plain inputs (header maps),
 * {@link io.strata.model.StrataException} outputs; see README.md here.
 */
package io.strata.tenant.auth;
