/**
 * HTTP edge: Vert.x routes for every Loki endpoint, parameter parsing exactly as Loki reads it, response rendering in Loki's shapes, and the one error mapper from {@link io.strata.model.ErrorCategory} to status and body. May use every package below.
 */
package io.strata.api;
