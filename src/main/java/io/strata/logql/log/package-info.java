/**
 * Runtime operators of a LogQL log pipeline: line filters, parsers, label filters, formatting,
 * drop/keep, and sample extraction for metric queries. Built from plain values (strings, enums,
 * {@link io.strata.model.Matcher}), never from AST nodes. See README.md in this directory.
 */
package io.strata.logql.log;
