/**
 * Prometheus registry and shared instruments, with Loki's metric names where the meaning matches. Depends on nothing of ours.
 */
package io.strata.metrics;
