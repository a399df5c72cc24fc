/**
 * LogQL syntax: lexer, recursive-descent parser, immutable AST records and the canonical printer.
 * Pure Java; depends only on {@code io.strata.model}. See README.md for the node list.
 */
package io.strata.logql.syntax;
