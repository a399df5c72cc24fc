/**
 * Rule groups (YAML), rule storage, scheduling, alert state, Alertmanager and remote-write clients. A client of query and logql.
 */
package io.strata.ruler;
