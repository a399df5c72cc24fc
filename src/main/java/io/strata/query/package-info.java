/**
 * Plans and runs LogQL over storage's LogReader: time splitting, parallelism, limits, statistics. Implements logql's querier seam. Uses logql, storage, model.
 */
package io.strata.query;
