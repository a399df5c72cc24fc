/**
 * Label-based access control (LBAC): an {@link io.strata.tenant.access.AccessPolicy} is a list of
 * stream selectors; an identity sees only streams whose labels match one of them. Pure Java (uses
 * {@code model} only); the query path applies it where streams are selected, see README.md here.
 */
package io.strata.tenant.access;
